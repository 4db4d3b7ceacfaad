package io.callqa.ingest.pii;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callqa.ingest.Speaker;
import io.callqa.ingest.Word;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall of {@link PiiRedactor} on the redaction set: utterances of generated telephone speech as
 * the real recogniser heard them (src/test/resources/pii/redaction-set.json, labels from the audio timeline,
 * see src/test/pii/generate_redaction_set.py), plus hand-written ASR-like utterances
 * (redaction-handwritten.txt), among them near misses that must stay ("I paid on the fifth", "twenty four
 * seven"). A word counts as PII when its label says so; recall is per labelled category, precision per category
 * the redactor gave; "number words leaked" counts PII words that are real number words ("four", "seventy") left
 * unredacted. Card and social security numbers must be fully redacted. The word lists were tuned on that set;
 * {@link #heldOutSet} measures on utterances that were not looked at.
 */
class PiiRedactionSetTest {

  /** One utterance: words as the recogniser gave them and each word's label (category, or null). */
  record Case(String id, String source, List<Word> words, List<String> labels) {}

  /** Word counts of one evaluation: per labelled category {PII words, redacted}, per given category {redacted, PII}. */
  record Scores(int cases, int negatives, int negativesTouched, Map<String, int[]> recall,
      Map<String, int[]> precision, Map<String, int[]> numberWords) {
    int labelled() {
      return recall.values().stream().mapToInt(r -> r[0]).sum();
    }

    int found() {
      return recall.values().stream().mapToInt(r -> r[1]).sum();
    }

    int redacted() {
      return precision.values().stream().mapToInt(p -> p[0]).sum();
    }

    int correct() {
      return precision.values().stream().mapToInt(p -> p[1]).sum();
    }

    int[] of(String category) {
      return recall.getOrDefault(category, new int[2]);
    }

    /** {PII words that are real number words ("four", "seventy"), of which left unredacted}. */
    int[] numberWordsOf(String category) {
      return numberWords.getOrDefault(category, new int[2]);
    }
  }

  @Test
  void redactsEveryCardAndSocialSecurityDigitAndLeavesNearMissesAlone() throws IOException {
    List<Case> cases = new ArrayList<>(generated("redaction-set.json"));
    cases.addAll(handWritten());
    System.out.printf(Locale.ROOT, "PII redaction set: %d utterances (%d generated through Vosk, %d hand-written)%n",
        cases.size(), cases.stream().filter(c -> c.source().equals("vosk")).count(),
        cases.stream().filter(c -> c.source().equals("hand")).count());
    Scores s = score(cases);

    assertThat(s.cases()).isGreaterThanOrEqualTo(30);
    assertThat(s.negatives()).as("near misses in the set").isGreaterThanOrEqualTo(20);
    assertThat(s.of("card")[0]).as("card words in the set").isGreaterThanOrEqualTo(150);
    assertThat(s.of("ssn")[0]).as("social security words in the set").isGreaterThanOrEqualTo(80);
    assertThat(s.of("card")[1]).as("card words redacted").isEqualTo(s.of("card")[0]);
    assertThat(s.of("ssn")[1]).as("social security words redacted").isEqualTo(s.of("ssn")[0]);
    assertThat(s.numberWordsOf("phone")[1] + s.numberWordsOf("account")[1]).as("phone/account number words left")
        .isZero();
    // floors a little under what this version measures (printed above), so a regression fails
    assertThat((double) s.found() / s.labelled()).as("overall recall").isGreaterThanOrEqualTo(0.95);
    assertThat((double) s.correct() / s.redacted()).as("overall precision").isGreaterThanOrEqualTo(0.95);
    assertThat(s.negativesTouched()).as("near misses redacted").isLessThanOrEqualTo(1);
  }

  /**
   * The held-out set: the same kinds of utterances with other digits, pauses and voices, generated and
   * transcribed the same way but not looked at while choosing the word lists, thresholds and triggers (the set
   * above was). Its figures are the honest estimate; the floors are set under what this version measured there.
   */
  @Test
  void heldOutSet() throws IOException {
    List<Case> cases = generated("redaction-heldout.json");
    System.out.printf(Locale.ROOT, "PII redaction held-out set: %d utterances generated through Vosk%n",
        cases.size());
    Scores s = score(cases);

    assertThat(s.cases()).isGreaterThanOrEqualTo(30);
    // no digit of a card or social security number may survive; words the recogniser made of them that are not
    // number words ("so sick" for "six six") at the edges of a run can
    assertThat(s.numberWordsOf("card")[0]).isGreaterThanOrEqualTo(100);
    assertThat(s.numberWordsOf("card")[1]).as("card number words left").isZero();
    assertThat(s.numberWordsOf("ssn")[1]).as("social security number words left").isZero();
    assertThat((double) s.of("card")[1] / s.of("card")[0]).as("card words redacted").isGreaterThanOrEqualTo(0.95);
    assertThat((double) s.of("ssn")[1] / s.of("ssn")[0]).as("ssn words redacted").isGreaterThanOrEqualTo(0.90);
    assertThat((double) s.found() / s.labelled()).as("overall recall").isGreaterThanOrEqualTo(0.88);
    assertThat((double) s.correct() / s.redacted()).as("overall precision").isGreaterThanOrEqualTo(0.95);
    assertThat(s.negativesTouched()).as("near misses redacted").isLessThanOrEqualTo(1);
  }

  private static Scores score(List<Case> cases) {
    PiiRedactor redactor = PiiRedactor.create();
    Map<String, int[]> recall = new TreeMap<>();
    Map<String, int[]> precision = new TreeMap<>();
    Map<String, int[]> numberWords = new TreeMap<>();
    int negatives = 0;
    int negativesTouched = 0;
    List<String> misses = new ArrayList<>();
    for (Case c : cases) {
      String[] predicted = new String[c.words().size()];
      for (PiiSpan s : redactor.find(c.words())) {
        for (int i = s.from(); i < s.to(); i++) {
          predicted[i] = predicted[i] == null ? s.category().label() : predicted[i];
        }
      }
      boolean negative = c.labels().stream().allMatch(l -> l == null);
      boolean touched = false;
      StringBuilder shown = new StringBuilder();
      boolean wrong = false;
      for (int i = 0; i < predicted.length; i++) {
        String label = c.labels().get(i);
        if (label != null) {
          int[] r = recall.computeIfAbsent(label, k -> new int[2]);
          r[0]++;
          r[1] += predicted[i] != null ? 1 : 0;
          if (SpokenNumbers.classify(PiiRedactor.normalise(c.words().get(i).word())).strong()) {
            int[] n = numberWords.computeIfAbsent(label, k -> new int[2]);
            n[0]++;
            n[1] += predicted[i] == null ? 1 : 0;
          }
        }
        if (predicted[i] != null) {
          int[] p = precision.computeIfAbsent(predicted[i], k -> new int[2]);
          p[0]++;
          p[1] += label != null ? 1 : 0;
          touched = true;
        }
        wrong |= (label == null) != (predicted[i] == null);
        String w = c.words().get(i).word();
        shown.append(' ').append(label != null && predicted[i] == null ? "!" + w + "!"
            : label == null && predicted[i] != null ? "+" + w + "+" : predicted[i] != null ? "[" + w + "]" : w);
      }
      negatives += negative ? 1 : 0;
      negativesTouched += negative && touched ? 1 : 0;
      if (wrong) {
        misses.add(String.format(Locale.ROOT, "  %-16s %s", c.id(), shown));
      }
    }
    Scores s = new Scores(cases.size(), negatives, negativesTouched, recall, precision, numberWords);
    System.out.printf(Locale.ROOT, "%-14s %9s %9s %7s | %9s %9s %9s | %12s %7s%n", "category", "PII words", "redacted",
        "recall", "redacted", "were PII", "precision", "number words", "leaked");
    for (String cat : categories(recall, precision)) {
      int[] r = recall.getOrDefault(cat, new int[2]);
      int[] p = precision.getOrDefault(cat, new int[2]);
      int[] n = numberWords.getOrDefault(cat, new int[2]);
      System.out.printf(Locale.ROOT, "%-14s %9d %9d %7s | %9d %9d %9s | %12d %7d%n", cat, r[0], r[1],
          ratio(r[1], r[0]), p[0], p[1], ratio(p[1], p[0]), n[0], n[1]);
    }
    System.out.printf(Locale.ROOT, "%-14s %9d %9d %7s | %9d %9d %9s%n", "overall", s.labelled(), s.found(),
        ratio(s.found(), s.labelled()), s.redacted(), s.correct(), ratio(s.correct(), s.redacted()));
    System.out.printf(Locale.ROOT, "utterances without PII with any word redacted: %d of %d%n", negativesTouched,
        negatives);
    System.out.println("differences (!missed!, +over-redacted+, [redacted]):");
    misses.forEach(System.out::println);
    return s;
  }

  private static List<String> categories(Map<String, int[]> a, Map<String, int[]> b) {
    TreeMap<String, Boolean> all = new TreeMap<>();
    a.keySet().forEach(k -> all.put(k, true));
    b.keySet().forEach(k -> all.put(k, true));
    return List.copyOf(all.keySet());
  }

  private static String ratio(int num, int den) {
    return den == 0 ? "-" : String.format(Locale.ROOT, "%.3f", (double) num / den);
  }

  static List<Case> generated(String file) throws IOException {
    JsonNode root;
    try (InputStream in = resource(file)) {
      root = new ObjectMapper().readTree(in);
    }
    List<Case> out = new ArrayList<>();
    for (JsonNode c : root.path("cases")) {
      List<Word> words = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      for (JsonNode w : c.path("words")) {
        words.add(new Word(Speaker.MONO, w.path("start_s").asDouble(), w.path("end_s").asDouble(),
            w.path("word").asText(), w.path("confidence").asDouble(), false));
        labels.add(w.path("pii").isNull() ? null : w.path("pii").asText());
      }
      out.add(new Case(c.path("id").asText(), "vosk", words, labels));
    }
    return out;
  }

  private static final Pattern MARKED = Pattern.compile("\\{(\\w+):([^}]*)}|([^\\s{}|]+)|(\\|\\|)");

  static List<Case> handWritten() throws IOException {
    String text;
    try (InputStream in = resource("redaction-handwritten.txt")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<Case> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int bar = line.indexOf(" | ");
      List<Word> words = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      double t = 0.5;
      Matcher m = MARKED.matcher(line.substring(bar + 3));
      while (m.find()) {
        if (m.group(4) != null) {
          t += 3.0;
          continue;
        }
        List<String> tokens = m.group(3) != null ? List.of(m.group(3)) : List.of(m.group(2).trim().split("\\s+"));
        for (String tok : tokens) {
          words.add(new Word(Speaker.MONO, t, t + 0.3, tok, 0.9, false));
          labels.add(m.group(1));
          t += 0.35;
        }
      }
      out.add(new Case(line.substring(0, bar).trim(), "hand", words, labels));
    }
    return out;
  }

  private static InputStream resource(String name) {
    InputStream in = PiiRedactionSetTest.class.getResourceAsStream("/pii/" + name);
    if (in == null) {
      throw new IllegalStateException("test resource pii/" + name + " is missing");
    }
    return in;
  }
}

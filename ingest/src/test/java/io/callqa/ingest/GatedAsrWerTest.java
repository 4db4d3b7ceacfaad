package io.callqa.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callqa.audio.FeatureOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Word error rate of the real recogniser on the bundled sample calls, per speaker, with ASR gated by voice
 * activity (the default) and ungated (whole channels): gating must not cost accuracy (within 1 point).
 * References are the turn texts of examples/labels.json.
 */
@Tag("slow")
class GatedAsrWerTest {

  @Test
  void gatedTranscriptionIsAsAccurateAsWholeChannels() throws IOException {
    Path root = TestFiles.repoRoot();
    JsonNode calls = new ObjectMapper().readTree(root.resolve("examples/labels.json").toFile()).path("calls");
    long[] gated = {0, 0};
    long[] ungated = {0, 0};
    double fedGated = 0;
    double fedUngated = 0;
    List<Double> timeErrors = new ArrayList<>();
    System.out.printf(Locale.ROOT, "%-26s %-9s %5s %9s %9s%n", "call", "speaker", "words", "WER gated", "ungated");
    for (JsonNode call : calls) {
      Path file = root.resolve("examples/calls").resolve(call.path("file").asText());
      ProcessedCall g = process(file, AsrOptions.defaults());
      ProcessedCall u = process(file, AsrOptions.ungated());
      assertThat(g.call().ok()).isTrue();
      fedGated += g.call().asrInputS();
      fedUngated += u.call().asrInputS();
      for (Speaker s : call.path("channels").asInt() == 1 ? List.of(Speaker.MONO)
          : List.of(Speaker.AGENT, Speaker.CUSTOMER)) {
        List<String> ref = reference(call, s);
        timeErrors.addAll(startTimeDifferences(words(g, s), words(u, s)));
        long eg = errors(ref, hypothesis(g, s));
        long eu = errors(ref, hypothesis(u, s));
        gated[0] += eg;
        gated[1] += ref.size();
        ungated[0] += eu;
        ungated[1] += ref.size();
        System.out.printf(Locale.ROOT, "%-26s %-9s %5d %8.1f%% %8.1f%%%n", call.path("file").asText(), s.column(),
            ref.size(), 100.0 * eg / ref.size(), 100.0 * eu / ref.size());
      }
    }
    double werGated = (double) gated[0] / gated[1];
    double werUngated = (double) ungated[0] / ungated[1];
    System.out.printf(Locale.ROOT, "WER gated %.1f%%, ungated %.1f%% over %d reference words; audio fed to ASR:"
        + " gated %.0f s, ungated %.0f s (%.0f%%)%n", 100 * werGated, 100 * werUngated, gated[1], fedGated,
        fedUngated, 100 * fedGated / fedUngated);
    List<Double> sorted = timeErrors.stream().sorted().toList();
    double median = sorted.get(sorted.size() / 2);
    double p95 = sorted.get((int) (sorted.size() * 0.95));
    System.out.printf(Locale.ROOT, "word start times, gated vs ungated, %d words recognised alike: median |diff|"
        + " %.3f s, 95th percentile %.3f s%n", sorted.size(), median, p95);
    assertThat(werGated).as("gated WER within 1 point of ungated").isLessThanOrEqualTo(werUngated + 0.01);
    assertThat(sorted.size()).as("words recognised alike").isGreaterThan(400);
    assertThat(median).as("gated words keep their absolute times").isLessThan(0.05);
    assertThat(p95).isLessThan(0.3);
    assertThat(fedGated).as("gating feeds less audio").isLessThan(0.8 * fedUngated);
    // flite/festival voices through the small model on 8 kHz telephony: 15-40% is what this model does
    assertThat(werUngated).isLessThan(0.45);
  }

  private static ProcessedCall process(Path file, AsrOptions asr) throws IOException {
    CallProcessor p = new CallProcessor(null, 0, FeatureOptions.defaults(), asr, false, true);
    RecordingTask t = new RecordingTask(file.toUri().toString(), Files.size(file), 0, ManifestEntry.NONE,
        "0".repeat(64), null);
    return p.process(t, () -> Files.newInputStream(file));
  }

  static List<String> reference(JsonNode call, Speaker s) {
    List<String> out = new ArrayList<>();
    for (JsonNode turn : call.path("turns")) {
      if (s == Speaker.MONO || turn.path("speaker").asText().equals(s.column())) {
        out.addAll(normalize(turn.path("text").asText()));
      }
    }
    return out;
  }

  private static List<Word> words(ProcessedCall p, Speaker s) {
    return p.words().stream().filter(w -> w.speaker() == s).toList();
  }

  /**
   * |start time difference| of the words two transcripts share, paired in order (longest common subsequence of
   * the word strings).
   */
  static List<Double> startTimeDifferences(List<Word> a, List<Word> b) {
    int[][] lcs = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        lcs[i][j] = a.get(i).word().equals(b.get(j).word()) ? lcs[i + 1][j + 1] + 1
            : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<Double> out = new ArrayList<>();
    for (int i = 0, j = 0; i < a.size() && j < b.size(); ) {
      if (a.get(i).word().equals(b.get(j).word())) {
        out.add(Math.abs(a.get(i).startS() - b.get(j).startS()));
        i++;
        j++;
      } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
        i++;
      } else {
        j++;
      }
    }
    return out;
  }

  static List<String> hypothesis(ProcessedCall p, Speaker s) {
    return p.words().stream().filter(w -> w.speaker() == s).map(Word::word).flatMap(w -> normalize(w).stream())
        .toList();
  }

  static List<String> normalize(String text) {
    return Arrays.stream(text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9' ]", " ").trim().split("\\s+"))
        .filter(w -> !w.isEmpty()).toList();
  }

  /** Word-level Levenshtein distance (substitutions + deletions + insertions). */
  static long errors(List<String> ref, List<String> hyp) {
    long[] prev = new long[hyp.size() + 1];
    long[] cur = new long[hyp.size() + 1];
    for (int j = 0; j <= hyp.size(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= ref.size(); i++) {
      cur[0] = i;
      for (int j = 1; j <= hyp.size(); j++) {
        long sub = prev[j - 1] + (ref.get(i - 1).equals(hyp.get(j - 1)) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      long[] tmp = prev;
      prev = cur;
      cur = tmp;
    }
    return prev[hyp.size()];
  }
}

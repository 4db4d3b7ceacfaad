package io.callqa.ingest.pii;

import io.callqa.ingest.Speaker;
import io.callqa.ingest.Word;
import io.callqa.ingest.pii.SpokenNumbers.Kind;
import io.callqa.ingest.pii.SpokenNumbers.Token;
import io.callqa.ingest.pii.Triggers.Expect;
import io.callqa.ingest.pii.Triggers.Hit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Finds personal data in recognised words and replaces it, before anything is written. Works on what the
 * recogniser actually outputs, not on clean text: spoken digits come out as number words mixed with homophones
 * and near-misses ("four five three two" heard as "for size three two"), so the unit of evidence is a
 * <em>run</em> of number-like words of one speaker, in which a few fillers or unknown words may sit.
 *
 * <ul>
 *   <li><b>Digit runs without context</b> are redacted when they hold at least {@value #MIN_DIGITS} digits, most of
 *       them said as real number words (card, social security, phone and account numbers all are that long;
 *       "twenty four seven", "forty nine ninety nine", "two or three days" are not), or at least
 *       {@value #MIN_SINGLE_DIGITS} digits said one by one ("five eight five six"). Up to
 *       {@value #MAX_INNER_WORDS} other words may sit between two number words, and at most a third of a run's
 *       words may be other words; these are redacted with the run (they are usually misrecognised digits).
 *   <li><b>After a trigger</b> ("card number", "social", "last four", "phone number", "account number", ...) said
 *       by either party within {@value #TRIGGER_WINDOW_S} s before the run, any number word is redacted (a lone
 *       near-miss such as "to" or "for" is not).
 *   <li><b>Dates</b> (month, ordinal, numbers) are redacted within {@value #TRIGGER_WINDOW_S} s after a
 *       date-of-birth trigger ("date of birth", "born on", "birthday"), and anywhere when they are full dates
 *       with a month and a year: "I paid on the fifth" and "the twenty first of june" stay.
 *   <li><b>E-mail addresses</b>: "&lt;words&gt; at &lt;words&gt; dot com|net|org|...", and after "my email is" /
 *       "email me at" the words up to the next pause (the recogniser often loses "at" and "dot").
 * </ul>
 *
 * <p>Triggers are looked for on every speaker's words: the agent asking "can I have the last four of your
 * social" widens what the customer says next. Runs, dates and addresses are found per speaker and never
 * include the other party's words.
 *
 * <p>Redacted words keep their speaker, times and confidence; their text becomes {@link #MASK} and
 * {@link Word#redacted()} is true. Stateless and thread-safe.
 */
public final class PiiRedactor {
  /** The text that replaces a redacted word. */
  public static final String MASK = "[REDACTED]";
  /** Digits a run needs without a trigger. */
  static final int MIN_DIGITS = 6;
  /**
   * Digits said one by one that make a number without a trigger ("five eight five six": the last four of
   * something); normal talk rarely strings four single digits together.
   */
  static final int MIN_SINGLE_DIGITS = 4;
  /** Words that are not number-like that may sit between two number words of a run (ASR garbles digits). */
  static final int MAX_INNER_WORDS = 2;
  /** Seconds after a trigger in which its category's data is expected (a card read in groups takes ~10 s). */
  static final double TRIGGER_WINDOW_S = 15.0;
  /** A pause longer than this ends a run of digits or an address. */
  static final double MAX_PAUSE_S = 2.5;

  private static final Set<String> MONTHS = Set.of("january", "february", "march", "april", "may", "june", "july",
      "august", "september", "october", "november", "december");
  private static final Set<String> ORDINALS = Set.of("first", "second", "third", "fourth", "forth", "fifth",
      "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth",
      "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth", "thirtieth");
  private static final Set<String> DATE_GLUE = Set.of("of", "the", "slash", "and", "uh", "um", "dash");
  private static final Set<String> TLDS = Set.of("com", "calm", "come", "comm", "net", "org", "edu", "gov", "co",
      "us", "uk", "io", "ca", "info", "biz");
  /** Words that end the local part of an address when walking back from "at". */
  private static final Set<String> ADDRESS_STOP = Set.of("is", "it's", "its", "it", "was", "email", "mail",
      "address", "me", "my", "the", "your", "our", "send", "to", "at", "and", "that's", "emails", "sure", "yes",
      "okay", "ok", "um", "uh", "addresses");
  private static final int MAX_LOCAL_WORDS = 8;
  /** Words between an e-mail trigger and the address it announces. */
  private static final Set<String> ADDRESS_LEAD = Set.of("is", "it's", "as", "at", "me", "address", "addresses");
  private static final int MAX_ADDRESS_WORDS = 10;
  /**
   * Leads that read as a copula: "my email is ...", but also "... by email. Is there anything else": after one of
   * these the trigger must be owned ({@link #OWNERS}) for an address to follow.
   */
  private static final Set<String> COPULA_LEAD = Set.of("is", "it's", "as");
  private static final Set<String> OWNERS = Set.of("my", "your", "his", "her", "our", "their", "the");
  private static final Set<String> TRIGGER_WORDS = Set.of("email", "e", "mail", "address", "emails");
  /** A pause that ends an address read out after a trigger. */
  private static final double ADDRESS_PAUSE_S = 0.8;

  private PiiRedactor() {}

  /** The redactor with the built-in lexicon and triggers. */
  public static PiiRedactor create() {
    return new PiiRedactor();
  }

  /**
   * Returns {@code words} with personal data replaced by {@link #MASK} and flagged redacted; same size, order,
   * speakers and times. {@code words} are a call's words (one or more speakers) sorted by start time.
   */
  public List<Word> redact(List<Word> words) {
    boolean[] hit = new boolean[words.size()];
    for (PiiSpan s : find(words)) {
      Arrays.fill(hit, s.from(), s.to(), true);
    }
    List<Word> out = new ArrayList<>(words.size());
    for (int i = 0; i < words.size(); i++) {
      Word w = words.get(i);
      out.add(hit[i] ? new Word(w.speaker(), w.startS(), w.endS(), MASK, w.confidence(), true) : w);
    }
    return out;
  }

  /** The personal data in {@code words} (a call's words sorted by start time), as index spans into it. */
  public List<PiiSpan> find(List<Word> words) {
    String[] tokens = new String[words.size()];
    for (int i = 0; i < tokens.length; i++) {
      tokens[i] = normalise(words.get(i).word());
    }
    List<Trigger> triggers = new ArrayList<>();
    boolean[] blocked = new boolean[tokens.length];
    List<int[]> bySpeaker = new ArrayList<>();
    for (Speaker s : Speaker.values()) {
      int[] ix = IntStream.range(0, tokens.length).filter(i -> words.get(i).speaker() == s).toArray();
      if (ix.length == 0) {
        continue;
      }
      bySpeaker.add(ix);
      List<String> mine = Arrays.stream(ix).mapToObj(i -> tokens[i]).toList();
      for (Hit h : Triggers.find(mine)) {
        int last = ix[h.to() - 1];
        triggers.add(new Trigger(h.phrase().expect(), h.phrase().category(), words.get(last).endS(), last));
        for (int k = h.from(); k < h.to(); k++) {
          blocked[ix[k]] = true;
        }
      }
    }
    List<PiiSpan> spans = new ArrayList<>();
    for (int[] ix : bySpeaker) {
      View v = new View(words, tokens, ix, blocked);
      numberRuns(v, triggers, spans);
      dates(v, triggers, spans);
      emails(v, triggers, spans);
    }
    spans.sort((a, b) -> a.from() != b.from() ? a.from() - b.from() : a.to() - b.to());
    return spans;
  }

  /** A trigger ending at {@code endS} with the word at index {@code last}, announcing data of {@code category}. */
  private record Trigger(Expect expect, PiiCategory category, double endS, int last) {}

  /** One speaker's words: positions 0..n-1 map to indices {@code ix} of the call's list. */
  private record View(List<Word> words, String[] tokens, int[] ix, boolean[] blocked) {
    int size() {
      return ix.length;
    }

    String token(int p) {
      return tokens[ix[p]];
    }

    boolean blocked(int p) {
      return blocked[ix[p]];
    }

    Word word(int p) {
      return words.get(ix[p]);
    }

    /** Pause between the words at positions p-1 and p. */
    double pauseBefore(int p) {
      return word(p).startS() - word(p - 1).endS();
    }

    /**
     * Adds this speaker's words at positions [fromPos, toPos] as spans of the call's list: one span per stretch not
     * interrupted by the other party's words.
     */
    void addSpans(List<PiiSpan> out, PiiCategory c, int fromPos, int toPos) {
      int start = fromPos;
      for (int p = fromPos + 1; p <= toPos + 1; p++) {
        if (p > toPos || ix[p] != ix[p - 1] + 1) {
          out.add(new PiiSpan(c, ix[start], ix[p - 1] + 1));
          start = p;
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------- digit runs

  private static void numberRuns(View v, List<Trigger> triggers, List<PiiSpan> out) {
    Token[] cls = new Token[v.size()];
    for (int p = 0; p < v.size(); p++) {
      cls[p] = v.blocked(p) ? new Token(Kind.BREAK, 0, false) : SpokenNumbers.classify(v.token(p));
    }
    for (int p = 0; p < v.size(); ) {
      if (!cls[p].numeric()) {
        p++;
        continue;
      }
      int last = p;
      for (int q = p + 1; q < v.size() && q - last <= MAX_INNER_WORDS + 1; q++) {
        if (cls[q].kind() == Kind.BREAK || v.pauseBefore(q) > MAX_PAUSE_S) {
          break;
        }
        if (cls[q].numeric()) {
          last = q;
        }
      }
      scoreRun(v, cls, p, last, triggers, out);
      p = last + 1;
    }
  }

  /**
   * Decides on the run at positions [from, to]. A run with more than a third of its words not number-like is
   * split at its unknown words and the pieces decided alone.
   */
  private static void scoreRun(View v, Token[] cls, int from, int to, List<Trigger> triggers, List<PiiSpan> out) {
    Trigger trigger = latest(triggers, Expect.NUMBER, v.word(from).startS());
    // without a trigger, a lone number word hanging on an end of the run by two other words is weak evidence
    // ("the last four you prefer five eight five six"): dropped. With one word between it stays: that is more
    // often a garbled digit group ("to force for six five five five") than talk ("read it for you five seven").
    if (trigger == null && from < to && !cls[from + 1].numeric()) {
      int next = from + 1;
      while (!cls[next].numeric()) {
        next++;
      }
      if (next - from > 2) {
        scoreRun(v, cls, next, to, triggers, out);
        return;
      }
    }
    if (trigger == null && from < to && !cls[to - 1].numeric()) {
      int prev = to - 1;
      while (!cls[prev].numeric()) {
        prev--;
      }
      if (to - prev > 2) {
        scoreRun(v, cls, from, prev, triggers, out);
        return;
      }
    }
    int numeric = 0;
    for (int p = from; p <= to; p++) {
      numeric += cls[p].numeric() ? 1 : 0;
    }
    int size = to - from + 1;
    if (3 * (size - numeric) > size) {
      int start = -1;
      for (int p = from; p <= to + 1; p++) {
        boolean piece = p <= to && cls[p].kind() != Kind.OTHER;
        if (piece && start < 0 && cls[p].numeric()) {
          start = p;
        } else if (!piece && start >= 0) {
          int end = p - 1;
          while (!cls[end].numeric()) {
            end--;
          }
          scoreRun(v, cls, start, end, triggers, out);
          start = -1;
        }
      }
      return;
    }
    int digits = 0;
    int strong = 0;
    int singles = 0;
    int strongSingles = 0;
    int repeat = 1;
    for (int p = from; p <= to; p++) {
      Token t = cls[p];
      int d;
      switch (t.kind()) {
        case REPEAT -> {
          repeat = v.token(p).equals("triple") ? 3 : 2;
          continue;
        }
        case MAGNITUDE -> d = p < to && cls[p + 1].numeric() ? 0 : v.token(p).equals("thousand") ? 3 : 2;
        case DIGIT, HOMOPHONE -> d = p > from && cls[p - 1].kind() == Kind.TENS
            && SpokenNumbers.isUnit(v.token(p), t) ? 0 : t.digits() * repeat;
        case TEEN, TENS -> d = t.digits();
        default -> d = 0;
      }
      digits += d;
      if (t.strong()) {
        strong += d;
      }
      if ((t.kind() == Kind.DIGIT || t.kind() == Kind.HOMOPHONE) && d > 0) {
        singles += d;
        strongSingles += t.strong() ? d : 0;
      }
      repeat = 1;
    }
    PiiCategory category;
    if (trigger != null) {
      // after a trigger any real number word counts, and near-misses from two digits on
      if (strong == 0 && digits < 2) {
        return;
      }
      category = trigger.category();
    } else {
      boolean longNumber = digits >= MIN_DIGITS && strong >= MIN_DIGITS - 2 && 2 * strong >= digits;
      boolean digitByDigit = singles >= MIN_SINGLE_DIGITS && strongSingles >= MIN_SINGLE_DIGITS - 1;
      if (!longNumber && !digitByDigit) {
        return;
      }
      category = digits >= 13 && digits <= 19 ? PiiCategory.CARD : digits == 9 ? PiiCategory.SSN
          : digits == 7 || digits == 10 || digits == 11 ? PiiCategory.PHONE : PiiCategory.ACCOUNT;
    }
    v.addSpans(out, category, from, to);
  }

  /** The most recent trigger of that kind ending at most {@link #TRIGGER_WINDOW_S} before {@code atS}. */
  private static Trigger latest(List<Trigger> triggers, Expect expect, double atS) {
    Trigger best = null;
    for (Trigger t : triggers) {
      if (t.expect() == expect && t.endS() <= atS + 0.05 && atS - t.endS() <= TRIGGER_WINDOW_S
          && (best == null || t.endS() > best.endS())) {
        best = t;
      }
    }
    return best;
  }

  // ---------------------------------------------------------------------------------------------- dates of birth

  /**
   * Dates: after a date-of-birth trigger any run of two or more date words (month, ordinal, number); without a
   * trigger only a full date with a month and a year ("november sixth nineteen eighty five"), so "on the fifth"
   * or "the twenty first of june" stay.
   */
  private static void dates(View v, List<Trigger> triggers, List<PiiSpan> out) {
    for (int p = 0; p < v.size(); p++) {
      if (!dateCore(v, p)) {
        continue;
      }
      int last = p;
      int cores = 1;
      int other = 0;
      for (int q = p + 1; q < v.size() && q - last <= 3 && v.pauseBefore(q) <= MAX_PAUSE_S && !v.blocked(q); q++) {
        if (dateCore(v, q)) {
          last = q;
          cores++;
          other = 0;
        } else if (!DATE_GLUE.contains(v.token(q)) && ++other > 1) {
          break;
        }
      }
      boolean month = false;
      boolean year = false;
      for (int q = p; q <= last; q++) {
        month |= MONTHS.contains(v.token(q));
        year |= v.token(q).equals("nineteen") || v.token(q).equals("thousand")
            || v.token(q).equals("twenty") && q < last && SpokenNumbers.classify(v.token(q + 1)).kind() == Kind.TENS;
      }
      boolean triggered = latest(triggers, Expect.DATE, v.word(p).startS()) != null;
      if (triggered ? cores >= 2 : month && year && cores >= 3) {
        v.addSpans(out, PiiCategory.DATE_OF_BIRTH, p, last);
      }
      p = last;
    }
  }

  private static boolean dateCore(View v, int p) {
    if (v.blocked(p)) {
      return false;
    }
    String t = v.token(p);
    return MONTHS.contains(t) || ORDINALS.contains(t) || SpokenNumbers.classify(t).numeric();
  }

  // ---------------------------------------------------------------------------------------------- e-mail

  /**
   * E-mail addresses: words ending in "dot com" (or another domain ending) with an "at" shortly before, from the
   * start of the local part (walking back to a word such as "is" or a pause) to the ending. After an e-mail
   * trigger followed by "is"/"at" ("my email is", "email me at"), the words up to the next pause are the address
   * even when the recogniser lost "at" and "dot".
   */
  private static void emails(View v, List<Trigger> triggers, List<PiiSpan> out) {
    for (int p = 0; p < v.size(); p++) {
      int end = -1;
      if (v.token(p).equals("dot") && p + 1 < v.size() && TLDS.contains(v.token(p + 1))) {
        end = p + 1;
      } else if (v.token(p).equals("dotcom")) {
        end = p;
      }
      if (end < 0) {
        continue;
      }
      int at = -1;
      for (int q = end - 1; q >= Math.max(0, end - 7) && v.pauseBefore(q + 1) <= MAX_PAUSE_S; q--) {
        if (v.token(q).equals("at") && !v.blocked(q)) {
          at = q;
          break;
        }
      }
      if (at < 0 && latest(triggers, Expect.EMAIL, v.word(p).startS()) == null) {
        continue;
      }
      int start = at < 0 ? end : at;
      int origin = start;
      for (int q = start - 1; q >= 0 && origin - q <= MAX_LOCAL_WORDS; q--) {
        if (ADDRESS_STOP.contains(v.token(q)) || v.blocked(q) || v.pauseBefore(q + 1) > MAX_PAUSE_S) {
          break;
        }
        start = q;
      }
      v.addSpans(out, PiiCategory.EMAIL, start, end);
      p = end;
    }
    for (int p = 1; p < v.size(); p++) {
      // "email" then "is"/"at"/"me at": the address follows
      int prev = v.ix()[p - 1];
      if (v.blocked(p) || triggers.stream().noneMatch(t -> t.expect() == Expect.EMAIL && t.last() == prev)) {
        continue;
      }
      if (COPULA_LEAD.contains(v.token(p)) && !owned(v, p - 1)) {
        continue;
      }
      int q = p;
      while (q < v.size() && q - p < 2 && ADDRESS_LEAD.contains(v.token(q))) {
        q++;
      }
      if (q == p || q >= v.size() || v.pauseBefore(q) > ADDRESS_PAUSE_S) {
        continue;
      }
      int last = q;
      while (last + 1 < v.size() && last + 1 - q < MAX_ADDRESS_WORDS && !v.blocked(last + 1)
          && v.pauseBefore(last + 1) <= ADDRESS_PAUSE_S
          && !(last > q && v.token(last - 1).equals("dot") && TLDS.contains(v.token(last)))) {
        last++;
      }
      v.addSpans(out, PiiCategory.EMAIL, q, last);
    }
  }

  /** True when the e-mail trigger ending at view position {@code end} follows "my", "your", "the"... */
  private static boolean owned(View v, int end) {
    int k = end;
    while (k >= 0 && TRIGGER_WORDS.contains(v.token(k))) {
      k--;
    }
    return k >= 0 && OWNERS.contains(v.token(k));
  }

  static String normalise(String word) {
    return word.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9']", "");
  }
}

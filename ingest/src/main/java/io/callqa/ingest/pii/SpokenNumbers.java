package io.callqa.ingest.pii;

import java.util.Map;
import java.util.Set;

/**
 * The lexicon of spoken digits as the recogniser writes them: number words, and the homophones and near-misses
 * the small English model produces for digits on telephone audio ("for" for four, "to"/"too" for two, "won",
 * "ate", "tree", "sex", "size" for five, "oh" for zero). Near-misses are weak evidence: they count as digits
 * only inside a run that also has real number words, or after a trigger phrase.
 */
final class SpokenNumbers {
  private SpokenNumbers() {}

  /** What a token says about digits. */
  enum Kind {
    /** 0-9 said as a word, or a numeral: {@link Token#digits} digits. */
    DIGIT,
    /** ten to nineteen: two digits. */
    TEEN,
    /** twenty, thirty ... ninety: two digits, or two with the unit that follows ("forty five"). */
    TENS,
    /** hundred, thousand: a magnitude. */
    MAGNITUDE,
    /** double, triple: the next digit counts two or three times. */
    REPEAT,
    /** A near-miss of a digit word: one digit, weak. */
    HOMOPHONE,
    /** A word a run never crosses (the words of a trigger phrase). */
    BREAK,
    OTHER
  }

  /** A classified token; {@code digits} is the count it adds on its own, {@code strong} is false for near-misses. */
  record Token(Kind kind, int digits, boolean strong) {
    boolean numeric() {
      return kind != Kind.BREAK && kind != Kind.OTHER;
    }
  }

  private static final Map<String, Kind> WORDS = Map.ofEntries(
      Map.entry("zero", Kind.DIGIT), Map.entry("one", Kind.DIGIT), Map.entry("two", Kind.DIGIT),
      Map.entry("three", Kind.DIGIT), Map.entry("four", Kind.DIGIT), Map.entry("five", Kind.DIGIT),
      Map.entry("six", Kind.DIGIT), Map.entry("seven", Kind.DIGIT), Map.entry("eight", Kind.DIGIT),
      Map.entry("nine", Kind.DIGIT),
      Map.entry("ten", Kind.TEEN), Map.entry("eleven", Kind.TEEN), Map.entry("twelve", Kind.TEEN),
      Map.entry("thirteen", Kind.TEEN), Map.entry("fourteen", Kind.TEEN), Map.entry("fifteen", Kind.TEEN),
      Map.entry("sixteen", Kind.TEEN), Map.entry("seventeen", Kind.TEEN), Map.entry("eighteen", Kind.TEEN),
      Map.entry("nineteen", Kind.TEEN),
      Map.entry("twenty", Kind.TENS), Map.entry("thirty", Kind.TENS), Map.entry("forty", Kind.TENS),
      Map.entry("fourty", Kind.TENS), Map.entry("fifty", Kind.TENS), Map.entry("sixty", Kind.TENS),
      Map.entry("seventy", Kind.TENS), Map.entry("eighty", Kind.TENS), Map.entry("ninety", Kind.TENS),
      Map.entry("hundred", Kind.MAGNITUDE), Map.entry("thousand", Kind.MAGNITUDE),
      Map.entry("double", Kind.REPEAT), Map.entry("triple", Kind.REPEAT));

  /**
   * Near-misses of digit words. Sources: homophones (for, to, too, won, ate, oh), and confusions of the bundled
   * small model measured on the redaction set (generated telephone speech, see
   * src/test/resources/pii/redaction-set.json): "or", "know", "no", "how" for oh, "a" for eight, "size" for
   * five, "free" for three, and the common ones reported for it ("tree", "sex", "nein").
   */
  private static final Set<String> HOMOPHONES = Set.of(
      "oh", "o", "owe", "or", "know", "no", "how", "won", "wan", "to", "too", "tu", "tree", "free", "for", "fore",
      "fife", "size", "hive", "sex", "sax", "ate", "a", "nein");

  private static final Set<String> ZERO_LIKE = Set.of("oh", "o", "owe", "or", "know", "no", "how");

  static Token classify(String token) {
    if (!token.isEmpty() && token.chars().allMatch(Character::isDigit)) {
      return new Token(Kind.DIGIT, token.length(), true);
    }
    Kind k = WORDS.get(token);
    if (k != null) {
      int digits = switch (k) {
        case DIGIT -> 1;
        case TEEN, TENS -> 2;
        default -> 0;
      };
      return new Token(k, digits, true);
    }
    if (HOMOPHONES.contains(token)) {
      return new Token(Kind.HOMOPHONE, 1, false);
    }
    return new Token(Kind.OTHER, 0, false);
  }

  /** A unit digit (1-9) that a preceding tens word absorbs: "forty five" is two digits, not three. */
  static boolean isUnit(String token, Token t) {
    if (t.kind() == Kind.DIGIT) {
      return !token.equals("zero") && !Character.isDigit(token.charAt(0));
    }
    return t.kind() == Kind.HOMOPHONE && !ZERO_LIKE.contains(token);
  }
}

package io.callqa.analytics.detect;

import io.callqa.ingest.Word;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.codec.language.DoubleMetaphone;

/**
 * Finds a phrase in a speaker's recognised words, tolerating ASR errors.
 *
 * <p>Two steps: a local alignment over words (Smith-Waterman) locates the best region; the region, widened by
 * the phrase words the alignment left out, is then scored as the best monotone word-to-word pairing (a weighted
 * longest common subsequence) divided by the phrase's word count. So "this call may be recorded for quality"
 * heard as "paul may be recorded for closure" still scores well (most words present in order, the garbled ones
 * partly), while an unrelated sentence that shares only "for" and "and" scores low.
 *
 * <p>Word pairs are scored by {@link #wordSimilarity}: spelling (edit distance) or sound (Double Metaphone
 * keys), whichever is closer. Both steps also pair one phrase word with two recognised words and two phrase
 * words with one recognised word, compared as concatenations: the small model splits and merges words
 * ("may be" heard as "maybe", "purposes" as "their buses").
 */
public final class PhraseMatcher {
  private static final double GAP = 0.6;
  static final double MIN_WORD_SIMILARITY = 0.5;
  static final double MIN_SHORT_WORD_SIMILARITY = 0.6;
  /**
   * A match of sound keys is weaker evidence than the same closeness in spelling: the keys drop vowels and merge
   * similar consonants, so unrelated words share keys more often.
   */
  static final double SOUND_WEIGHT = 0.8;
  /** Words shorter than this are compared by spelling only: short words share sound keys by chance (to/do). */
  static final int MIN_SOUND_LETTERS = 4;
  /** Longest silence inside one spoken phrase, seconds: a longer pause separates sentences. */
  static final double MAX_PAUSE_S = 3.0;
  private static final DoubleMetaphone METAPHONE = metaphone();

  private PhraseMatcher() {}

  /**
   * A match of a phrase in a word list.
   *
   * @param similarity in [0, 1]: alignment score divided by the phrase's word count
   * @param first index of the first matched word
   * @param last index of the last matched word (inclusive)
   */
  public record Match(String phrase, double similarity, int first, int last) {}

  /**
   * A normalised word with its sound key, compared by {@link #wordSimilarity}; {@code id} numbers the distinct
   * words of one {@link Memo} (-1 outside one).
   */
  record Token(String text, String sound, int id) {
    static Token of(String text) {
      return of(text, -1);
    }

    static Token of(String text, int id) {
      return new Token(text, soundKey(text), id);
    }
  }

  private static String soundKey(String text) {
    return text.length() < MIN_SOUND_LETTERS ? "" : METAPHONE.doubleMetaphone(text);
  }

  /**
   * The best match of any of {@code phrases} in {@code words}, or {@code null} when nothing aligns. A phrase is
   * spoken in one go: it is matched inside stretches of words without a pause longer than {@link #MAX_PAUSE_S},
   * so words of an earlier sentence never pad out a garbled match (and never move its start).
   */
  public static Match best(List<String> phrases, List<Word> words) {
    Memo memo = new Memo();
    List<List<Token>> phraseTokens = phrases.stream().map(p -> tokens(p).stream().map(memo::token).toList()).toList();
    Match best = null;
    int from = 0;
    for (int i = 1; i <= words.size(); i++) {
      if (i < words.size() && words.get(i).startS() - words.get(i - 1).endS() <= MAX_PAUSE_S) {
        continue;
      }
      List<Token> text = new ArrayList<>(i - from);
      for (Word w : words.subList(from, i)) {
        text.add(memo.token(normalize(w.word())));
      }
      for (int k = 0; k < phrases.size(); k++) {
        Match m = align(phrases.get(k), phraseTokens.get(k), text, memo);
        if (m != null && (best == null || m.similarity() > best.similarity())) {
          best = new Match(m.phrase(), m.similarity(), m.first() + from, m.last() + from);
        }
      }
      from = i;
    }
    return best;
  }

  /**
   * Sound keys and word-pair similarities already computed during one {@link #best} call: a transcript repeats
   * its words, and every phrase is compared with the same text, so most pairs recur (about a quarter less CPU in the analytics job).
   */
  static final class Memo {
    private final Map<String, Token> tokens = new HashMap<>();
    private final Map<Long, Double> similarities = new HashMap<>();

    Token token(String text) {
      Token t = tokens.get(text);
      if (t == null) {
        t = Token.of(text, tokens.size());
        tokens.put(text, t);
      }
      return t;
    }

    Token join(Token a, Token b) {
      return token(a.text() + b.text());
    }

    double similarity(Token a, Token b) {
      if (a.id() < 0 || b.id() < 0) {
        return wordSimilarity(a, b);
      }
      long key = ((long) a.id() << 32) | b.id();
      Double v = similarities.get(key);
      if (v == null) {
        v = wordSimilarity(a, b);
        similarities.put(key, v);
      }
      return v;
    }
  }

  /** Pair similarities of a phrase against a text: single words, a split phrase word, two merged phrase words. */
  private static final class Pairs {
    final double[][] one;
    final double[][] split; // split[i][j]: p[i] vs t[j-1] + t[j]
    final double[][] merge; // merge[i][j]: p[i-1] + p[i] vs t[j]

    Pairs(List<Token> p, List<Token> t, int from, int to, Memo memo) {
      int m = p.size();
      int n = to - from + 1;
      one = new double[m][n];
      split = new double[m][n];
      merge = new double[m][n];
      List<Token> pJoined = new ArrayList<>();
      for (int i = 0; i < m; i++) {
        pJoined.add(i == 0 ? null : memo.join(p.get(i - 1), p.get(i)));
      }
      List<Token> tJoined = new ArrayList<>();
      for (int j = 0; j < n; j++) {
        tJoined.add(j == 0 ? null : memo.join(t.get(from + j - 1), t.get(from + j)));
      }
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          Token tj = t.get(from + j);
          one[i][j] = memo.similarity(p.get(i), tj);
        }
      }
      // a split or merge counts only where the joined words are closer than either part alone: "quality and"
      // is not a merge for "quality" (0.7 < 1.0), "may be" is one for "maybe" (1.0 > 0.6)
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          if (j > 0) {
            double sim = memo.similarity(p.get(i), tJoined.get(j));
            split[i][j] = sim > one[i][j] && sim > one[i][j - 1] ? sim : 0;
          }
          if (i > 0) {
            double sim = memo.similarity(pJoined.get(i), t.get(from + j));
            merge[i][j] = sim > one[i][j] && sim > one[i - 1][j] ? sim : 0;
          }
        }
      }
    }
  }

  static Match align(String phrase, List<Token> p, List<Token> t) {
    return align(phrase, p, t, new Memo());
  }

  private static Match align(String phrase, List<Token> p, List<Token> t, Memo memo) {
    int m = p.size();
    int n = t.size();
    if (m == 0 || n == 0) {
      return null;
    }
    Pairs s = new Pairs(p, t, 0, n - 1, memo);
    double[][] h = new double[m + 1][n + 1];
    int[][] start = new int[m + 1][n + 1];
    double bestScore = 0;
    int bestI = 0;
    int bestJ = 0;
    for (int i = 1; i <= m; i++) {
      for (int j = 1; j <= n; j++) {
        // moves: pair t[j-1] with p[i-1]; skip a phrase word; skip a text word; p[i-1] split over t[j-2..j-1];
        // p[i-2..i-1] merged into t[j-1]. The region starts at the first text word of the chain.
        double v = 0;
        int st = j;
        double c = h[i - 1][j - 1] + 2 * s.one[i - 1][j - 1] - 1;
        if (c > v) {
          v = c;
          st = h[i - 1][j - 1] == 0 ? j - 1 : start[i - 1][j - 1];
        }
        c = h[i - 1][j] - GAP;
        if (c > v) {
          v = c;
          st = start[i - 1][j];
        }
        c = h[i][j - 1] - GAP;
        if (c > v) {
          v = c;
          st = start[i][j - 1];
        }
        if (j >= 2 && s.split[i - 1][j - 1] > 0) {
          c = h[i - 1][j - 2] + 2 * s.split[i - 1][j - 1] - 1;
          if (c > v) {
            v = c;
            st = h[i - 1][j - 2] == 0 ? j - 2 : start[i - 1][j - 2];
          }
        }
        if (i >= 2 && s.merge[i - 1][j - 1] > 0) {
          c = h[i - 2][j - 1] + 2 * (2 * s.merge[i - 1][j - 1] - 1);
          if (c > v) {
            v = c;
            st = h[i - 2][j - 1] == 0 ? j - 1 : start[i - 2][j - 1];
          }
        }
        h[i][j] = v;
        start[i][j] = st;
        if (v > bestScore) {
          bestScore = v;
          bestI = i;
          bestJ = j;
        }
      }
    }
    if (bestScore <= 0) {
      return null;
    }
    int first = start[bestI][bestJ];
    int last = bestJ - 1;
    int slack = Math.max(0, m - (last - first + 1));
    first = Math.max(0, first - slack);
    last = Math.min(n - 1, last + slack);
    return pairing(phrase, p, t, first, last, memo);
  }

  /**
   * The best order-preserving pairing of phrase words with the words {@code t[from..to]}: similarity = total
   * pair similarity / phrase length (two merged phrase words count twice); the match spans the first to the last
   * paired word.
   */
  static Match pairing(String phrase, List<Token> p, List<Token> t, int from, int to) {
    return pairing(phrase, p, t, from, to, new Memo());
  }

  private static Match pairing(String phrase, List<Token> p, List<Token> t, int from, int to, Memo memo) {
    int m = p.size();
    int n = to - from + 1;
    Pairs s = new Pairs(p, t, from, to, memo);
    double[][] w = new double[m + 1][n + 1];
    int[][] move = new int[m + 1][n + 1]; // 0 skip phrase word, 1 skip text word, 2 pair, 3 split, 4 merge
    for (int i = 1; i <= m; i++) {
      for (int j = 1; j <= n; j++) {
        double best = w[i - 1][j];
        int mv = 0;
        if (w[i][j - 1] > best) {
          best = w[i][j - 1];
          mv = 1;
        }
        double pair = w[i - 1][j - 1] + s.one[i - 1][j - 1];
        if (s.one[i - 1][j - 1] > 0 && pair > best) {
          best = pair;
          mv = 2;
        }
        if (j >= 2 && s.split[i - 1][j - 1] > 0 && w[i - 1][j - 2] + s.split[i - 1][j - 1] > best) {
          best = w[i - 1][j - 2] + s.split[i - 1][j - 1];
          mv = 3;
        }
        if (i >= 2 && s.merge[i - 1][j - 1] > 0 && w[i - 2][j - 1] + 2 * s.merge[i - 1][j - 1] > best) {
          best = w[i - 2][j - 1] + 2 * s.merge[i - 1][j - 1];
          mv = 4;
        }
        w[i][j] = best;
        move[i][j] = mv;
      }
    }
    int first = -1;
    int last = -1;
    for (int i = m, j = n; i > 0 && j > 0; ) {
      int mv = move[i][j];
      if (mv == 0) {
        i--;
        continue;
      }
      if (mv == 1) {
        j--;
        continue;
      }
      if (last < 0) {
        last = from + j - 1;
      }
      int width = mv == 3 ? 2 : 1;
      first = from + j - width;
      i -= mv == 4 ? 2 : 1;
      j -= width;
    }
    if (first < 0) {
      return null;
    }
    return new Match(phrase, Math.min(1.0, w[m][n] / m), first, last);
  }

  /** {@link #wordSimilarity(Token, Token)} of two normalised words. */
  static double wordSimilarity(String a, String b) {
    return wordSimilarity(Token.of(a), Token.of(b));
  }

  /**
   * How alike two words are, in [0, 1]: the larger of their spelling similarity (1 - normalised edit distance of
   * the letters) and their sound similarity ({@link #SOUND_WEIGHT} x the same measure on their Double Metaphone
   * keys, for words of at least {@link #MIN_SOUND_LETTERS} letters; "call"/"goal", "purchases"/"purposes"); 0 when
   * below {@link #MIN_WORD_SIMILARITY} ({@link #MIN_SHORT_WORD_SIMILARITY} for words of up to three letters):
   * chance overlaps such as "to"/"do" are not evidence.
   */
  static double wordSimilarity(Token a, Token b) {
    if (a.text().equals(b.text())) {
      return 1;
    }
    double sim = letterSimilarity(a.text(), b.text());
    if (sim < SOUND_WEIGHT && !a.sound().isEmpty() && !b.sound().isEmpty()) { // else sound cannot beat it
      sim = Math.max(sim, SOUND_WEIGHT * letterSimilarity(a.sound(), b.sound()));
    }
    double min = Math.max(a.text().length(), b.text().length()) <= 3 ? MIN_SHORT_WORD_SIMILARITY : MIN_WORD_SIMILARITY;
    return sim >= min ? sim : 0;
  }

  private static double letterSimilarity(String a, String b) {
    if (a.isEmpty() && b.isEmpty()) {
      return 1;
    }
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] tmp = prev;
      prev = cur;
      cur = tmp;
    }
    return 1.0 - prev[b.length()] / (double) Math.max(a.length(), b.length());
  }

  static List<String> tokens(String phrase) {
    List<String> out = new ArrayList<>();
    for (String s : phrase.split("\\s+")) {
      String n = normalize(s);
      if (!n.isEmpty()) {
        out.add(n);
      }
    }
    return out;
  }

  static String normalize(String word) {
    return word.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9']", "");
  }

  private static DoubleMetaphone metaphone() {
    DoubleMetaphone m = new DoubleMetaphone();
    m.setMaxCodeLen(12); // whole words, not the 4-letter index keys of the default
    return m;
  }
}

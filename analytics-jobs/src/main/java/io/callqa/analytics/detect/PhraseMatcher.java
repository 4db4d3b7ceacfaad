package io.callqa.analytics.detect;

import io.callqa.ingest.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds a phrase in a speaker's recognised words, tolerating ASR errors.
 *
 * <p>Two steps: a local alignment over words (Smith-Waterman, word pairs scored by letter-level similarity)
 * locates the best region; the region, widened by the phrase words the alignment left out, is then scored as
 * the best monotone word-to-word pairing (a weighted longest common subsequence) divided by the phrase's word
 * count. So "this call may be recorded for quality" heard as "paul may be recorded for closure" still scores
 * well (most words present in order, the garbled ones partly), while an unrelated sentence that shares only
 * "for" and "and" scores low.
 */
public final class PhraseMatcher {
  private static final double GAP = 0.6;
  static final double MIN_WORD_SIMILARITY = 0.5;
  static final double MIN_SHORT_WORD_SIMILARITY = 0.6;

  private PhraseMatcher() {}

  /**
   * A match of a phrase in a word list.
   *
   * @param similarity in [0, 1]: alignment score divided by the phrase's word count
   * @param first index of the first matched word
   * @param last index of the last matched word (inclusive)
   */
  public record Match(String phrase, double similarity, int first, int last) {}

  /** The best match of any of {@code phrases} in {@code words}, or {@code null} when nothing aligns. */
  public static Match best(List<String> phrases, List<Word> words) {
    Match best = null;
    List<String> text = new ArrayList<>(words.size());
    for (Word w : words) {
      text.add(normalize(w.word()));
    }
    for (String phrase : phrases) {
      Match m = align(phrase, tokens(phrase), text);
      if (m != null && (best == null || m.similarity() > best.similarity())) {
        best = m;
      }
    }
    return best;
  }

  static Match align(String phrase, List<String> p, List<String> t) {
    int m = p.size();
    int n = t.size();
    if (m == 0 || n == 0) {
      return null;
    }
    double[][] h = new double[m + 1][n + 1];
    int[][] start = new int[m + 1][n + 1];
    double bestScore = 0;
    int bestI = 0;
    int bestJ = 0;
    for (int i = 1; i <= m; i++) {
      for (int j = 1; j <= n; j++) {
        double diag = h[i - 1][j - 1] + 2 * wordSimilarity(p.get(i - 1), t.get(j - 1)) - 1;
        double up = h[i - 1][j] - GAP;
        double left = h[i][j - 1] - GAP;
        double v = Math.max(0, Math.max(diag, Math.max(up, left)));
        h[i][j] = v;
        if (v == 0) {
          start[i][j] = j;
        } else if (v == diag) {
          start[i][j] = h[i - 1][j - 1] == 0 ? j - 1 : start[i - 1][j - 1];
        } else if (v == up) {
          start[i][j] = h[i - 1][j] == 0 ? j : start[i - 1][j];
        } else {
          start[i][j] = h[i][j - 1] == 0 ? j - 1 : start[i][j - 1];
        }
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
    return pairing(phrase, p, t, first, last);
  }

  /**
   * The best order-preserving pairing of phrase words with the words {@code t[from..to]}: similarity = total
   * pair similarity / phrase length; the match spans the first to the last paired word.
   */
  static Match pairing(String phrase, List<String> p, List<String> t, int from, int to) {
    int m = p.size();
    int n = to - from + 1;
    double[][] w = new double[m + 1][n + 1];
    for (int i = 1; i <= m; i++) {
      for (int j = 1; j <= n; j++) {
        w[i][j] = Math.max(Math.max(w[i - 1][j], w[i][j - 1]),
            w[i - 1][j - 1] + wordSimilarity(p.get(i - 1), t.get(from + j - 1)));
      }
    }
    int first = -1;
    int last = -1;
    for (int i = m, j = n; i > 0 && j > 0; ) {
      if (w[i][j] == w[i - 1][j]) {
        i--;
      } else if (w[i][j] == w[i][j - 1]) {
        j--;
      } else {
        if (last < 0) {
          last = from + j - 1;
        }
        first = from + j - 1;
        i--;
        j--;
      }
    }
    if (first < 0) {
      return null;
    }
    return new Match(phrase, Math.min(1.0, w[m][n] / m), first, last);
  }

  /**
   * 1 - normalised edit distance of the letters of two words, or 0 when below {@link #MIN_WORD_SIMILARITY}
   * ({@link #MIN_SHORT_WORD_SIMILARITY} for words of up to three letters): chance overlaps such as "to"/"do"
   * are not evidence.
   */
  static double wordSimilarity(String a, String b) {
    if (a.equals(b)) {
      return 1;
    }
    double sim = letterSimilarity(a, b);
    double min = Math.max(a.length(), b.length()) <= 3 ? MIN_SHORT_WORD_SIMILARITY : MIN_WORD_SIMILARITY;
    return sim >= min ? sim : 0;
  }

  private static double letterSimilarity(String a, String b) {
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
}

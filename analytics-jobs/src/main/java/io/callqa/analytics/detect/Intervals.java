package io.callqa.analytics.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Sorted, non-overlapping time intervals (seconds) and the set operations detectors need. */
final class Intervals {
  record Span(double start, double end) {
    double length() {
      return end - start;
    }
  }

  private Intervals() {}

  /** Merges overlapping or touching spans. */
  static List<Span> union(List<Span> spans) {
    List<Span> sorted = new ArrayList<>(spans);
    sorted.sort(Comparator.comparingDouble(Span::start));
    List<Span> out = new ArrayList<>();
    for (Span s : sorted) {
      if (!out.isEmpty() && s.start() <= out.get(out.size() - 1).end()) {
        Span last = out.remove(out.size() - 1);
        out.add(new Span(last.start(), Math.max(last.end(), s.end())));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  /** The gaps between consecutive spans of a union (not before the first or after the last). */
  static List<Span> gaps(List<Span> union) {
    List<Span> out = new ArrayList<>();
    for (int i = 1; i < union.size(); i++) {
      out.add(new Span(union.get(i - 1).end(), union.get(i).start()));
    }
    return out;
  }

  static boolean overlaps(Span a, Span b) {
    return a.start() < b.end() && b.start() < a.end();
  }

  /** Total length of {@code s} covered by {@code union}. */
  static double covered(Span s, List<Span> union) {
    double total = 0;
    for (Span u : union) {
      total += Math.max(0, Math.min(s.end(), u.end()) - Math.max(s.start(), u.start()));
    }
    return total;
  }
}

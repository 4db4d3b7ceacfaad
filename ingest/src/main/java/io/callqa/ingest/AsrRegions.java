package io.callqa.ingest;

import io.callqa.audio.Segment;
import java.util.ArrayList;
import java.util.List;

/** The stretches of a channel fed to the recogniser when ASR is gated by voice activity. */
final class AsrRegions {
  private AsrRegions() {}

  /**
   * Speech segments widened by {@code paddingS} on both sides, clamped to [0, durationS], and merged when closer
   * than {@code mergeGapS}. Returns {start, end} pairs in seconds, sorted.
   */
  static List<double[]> of(List<Segment> speech, double paddingS, double mergeGapS, double durationS) {
    List<double[]> out = new ArrayList<>();
    for (Segment s : speech) {
      double start = Math.max(0, s.startS() - paddingS);
      double end = Math.min(durationS, s.endS() + paddingS);
      if (!out.isEmpty() && start - out.get(out.size() - 1)[1] < mergeGapS) {
        out.get(out.size() - 1)[1] = Math.max(out.get(out.size() - 1)[1], end);
      } else {
        out.add(new double[] {start, end});
      }
    }
    return out;
  }

  /**
   * The frame ranges {from, to} of a channel fed to the recogniser under {@code asr}: its padded, merged speech
   * regions when gated, else the whole channel; clamped to {@code frames}, empty ranges left out.
   */
  static List<long[]> frameSpans(List<Segment> speech, AsrOptions asr, int rate, long frames) {
    double durationS = frames / (double) rate;
    List<double[]> regions = asr.gated() ? of(speech, asr.paddingS(), asr.mergeGapS(), durationS)
        : List.of(new double[] {0, durationS});
    List<long[]> spans = new ArrayList<>();
    for (double[] r : regions) {
      long from = (long) Math.floor(r[0] * rate);
      long to = Math.min(frames, (long) Math.ceil(r[1] * rate));
      if (to > from) {
        spans.add(new long[] {from, to});
      }
    }
    return spans;
  }
}

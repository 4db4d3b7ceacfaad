package io.callqa.audio;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns per-frame peakiness into tone segments: a frame is a tone candidate when its peakiness reaches
 * {@value #FRAME_PEAKINESS} and it is louder than {@value #MIN_LEVEL_DBFS} dBFS; runs of candidate
 * frames whose strongest peak stays within one FFT bin for at least {@value #MIN_STABLE_S} s and whose
 * mean peakiness reaches {@link FeatureOptions#tonePeakiness()} are kept (a synthetic tone puts over
 * 99% of its energy in its peaks for its whole length; vowels of even monotone synthetic speech reach
 * that for a few frames at most, measured on the bundled sample calls); kept runs closer than
 * {@link FeatureOptions#toneMergeGapS()} are merged (melody note changes, DTMF inter-digit gaps); merged
 * spans shorter than {@link FeatureOptions#minToneS()} are dropped.
 */
final class ToneSegmenter {

  static final double MIN_LEVEL_DBFS = -70;
  static final double MIN_STABLE_S = 0.1;
  static final double FRAME_PEAKINESS = 0.9;

  private ToneSegmenter() {}

  static List<HopSpan> find(FloatSeries peakiness, FloatSeries peakBin, float[] envelopeDbfs, FeatureOptions o,
      double hopS) {
    int n = Math.min(peakiness.size(), envelopeDbfs.length);
    int minStable = (int) Math.round(MIN_STABLE_S / hopS);
    List<HopSpan> runs = new ArrayList<>();
    int start = -1;
    for (int k = 0; k <= n; k++) {
      boolean tonal = k < n && peakiness.get(k) >= FRAME_PEAKINESS && envelopeDbfs[k] > MIN_LEVEL_DBFS;
      boolean continues = tonal && start >= 0 && Math.abs(peakBin.get(k) - peakBin.get(k - 1)) <= 1;
      if (start >= 0 && !continues) {
        if (k - start >= minStable && mean(peakiness, start, k) >= o.tonePeakiness()) {
          runs.add(new HopSpan(start, k));
        }
        start = -1;
      }
      if (tonal && start < 0) {
        start = k;
      }
    }
    int mergeGap = (int) Math.round(o.toneMergeGapS() / hopS);
    int minTone = (int) Math.round(o.minToneS() / hopS);
    List<HopSpan> merged = new ArrayList<>();
    for (HopSpan r : runs) {
      HopSpan last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && r.from() - last.to() < mergeGap) {
        merged.set(merged.size() - 1, new HopSpan(last.from(), r.to()));
      } else {
        merged.add(r);
      }
    }
    merged.removeIf(s -> s.length() < minTone);
    return merged;
  }

  private static double mean(FloatSeries values, int from, int to) {
    double sum = 0;
    for (int k = from; k < to; k++) {
      sum += values.get(k);
    }
    return sum / (to - from);
  }
}

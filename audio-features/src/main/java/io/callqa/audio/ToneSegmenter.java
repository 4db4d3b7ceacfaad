package io.callqa.audio;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
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
 *
 * <p>DTMF: runs of at least {@value #DTMF_MIN_S} s of frames that {@link ToneProcessor} flagged as DTMF
 * are tonal runs too (digits are 40-100 ms, far shorter than the steady-pitch rule needs). A digit
 * sequence merges into one tone; a lone digit, too short to be reported as a tone, is still returned
 * in {@link Result#nonSpeech()} so that voice activity never calls it speech.
 *
 * <p>Chirps (sweeping sines): a sweep slower than about one FFT bin per hop (1.5 kHz/s at 8 kHz, e.g.
 * 300-3400 Hz in 2 s or more) keeps a continuous peak and is a tone; a faster sweep smears the 64 ms
 * analysis frame, is neither tonal nor steady, and is not recognised as a tone (see the tests).
 */
final class ToneSegmenter {

  static final double MIN_LEVEL_DBFS = -70;
  static final double MIN_STABLE_S = 0.1;
  static final double FRAME_PEAKINESS = 0.9;

  private ToneSegmenter() {}

  static final double DTMF_MIN_S = 0.04;

  /**
   * @param tones spans reported as tones
   * @param nonSpeech spans voice activity must not call speech: the tones plus lone DTMF digits
   */
  record Result(List<HopSpan> tones, List<HopSpan> nonSpeech) {}

  static Result find(FloatSeries peakiness, FloatSeries peakBin, BitSet dtmf, float[] envelopeDbfs,
      FeatureOptions o, double hopS) {
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
    int minDtmf = (int) Math.round(DTMF_MIN_S / hopS);
    List<HopSpan> digits = new ArrayList<>();
    for (int from = dtmf.nextSetBit(0); from >= 0 && from < n; ) {
      int to = Math.min(n, dtmf.nextClearBit(from));
      int loud = 0;
      for (int k = from; k < to; k++) {
        loud += envelopeDbfs[k] > MIN_LEVEL_DBFS ? 1 : 0;
      }
      if (to - from >= minDtmf && loud > 0) {
        digits.add(new HopSpan(from, to));
      }
      from = dtmf.nextSetBit(to);
    }
    runs.addAll(digits);
    runs.sort(Comparator.comparingInt(HopSpan::from));
    int mergeGap = (int) Math.round(o.toneMergeGapS() / hopS);
    int minTone = (int) Math.round(o.minToneS() / hopS);
    List<HopSpan> merged = new ArrayList<>();
    for (HopSpan r : runs) {
      HopSpan last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && r.from() - last.to() < mergeGap) {
        merged.set(merged.size() - 1, new HopSpan(last.from(), Math.max(last.to(), r.to())));
      } else {
        merged.add(r);
      }
    }
    merged.removeIf(s -> s.length() < minTone);
    List<HopSpan> nonSpeech = new ArrayList<>(merged);
    for (HopSpan d : digits) {
      if (merged.stream().noneMatch(m -> m.from() <= d.from() && d.to() <= m.to())) {
        nonSpeech.add(d);
      }
    }
    nonSpeech.sort(Comparator.comparingInt(HopSpan::from));
    return new Result(merged, nonSpeech);
  }

  private static double mean(FloatSeries values, int from, int to) {
    double sum = 0;
    for (int k = from; k < to; k++) {
      sum += values.get(k);
    }
    return sum / (to - from);
  }
}

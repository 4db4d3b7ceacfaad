package io.callqa.audio;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;

/**
 * Turns the per-frame measures of {@link ToneProcessor} into tone segments. Analysis frames are
 * {@code hopsPerFrame} envelope hops apart (20 ms by default); frame {@code j} stands for hops
 * {@code [j * hopsPerFrame, (j + 1) * hopsPerFrame)}. A frame only counts when one of its hops is louder
 * than {@value #MIN_LEVEL_DBFS} dBFS. Three kinds of evidence make tonal runs:
 *
 * <ol>
 *   <li><b>Steady tones</b> (beeps, dial tones, slow chirps): runs of frames with peakiness of at least
 *       {@value #FRAME_PEAKINESS} whose strongest peak moves at most one FFT bin per 10 ms, lasting at
 *       least {@value #MIN_STABLE_S} s with a mean peakiness of at least
 *       {@link FeatureOptions#tonePeakiness()} (a synthetic tone puts over 99% of its energy in its
 *       peaks; vowels of even monotone synthetic speech reach that for a few frames at most).
 *   <li><b>Music</b> (hold music: melodies, chords, any timbre with a few partials): a <i>note</i> is a
 *       run of frames whose tonality (energy share of the 4 strongest peaks) is at least
 *       {@value #MUSIC_TONALITY} and whose spectrum stays the same from frame to frame (stability at
 *       least {@value #MUSIC_STABILITY}) for at least {@value #MUSIC_NOTE_S} s. Notes closer than
 *       {@link FeatureOptions#toneMergeGapS()} form a passage, kept when it lasts at least
 *       {@value #MUSIC_MIN_S} s. Why these rules: voiced frames of synthetic (flite/festival) speech are
 *       as peaky as music, but their spectrum changes within a phoneme or two; on the labelled
 *       evaluation set (eval/, flite and festival voices) the longest stable run inside speech was
 *       0.48 s, and no speech became a tone even with a passage minimum of 0.5 s, a stability of 0.92
 *       or a tonality of 0.65, while hold-music notes (0.5 s melody notes, 0.8 s chords) give runs of
 *       0.4-0.75 s back to back.
 *       Tonality and stability are energy shares and spectral shapes, so broadband noise 15 dB below the
 *       music (brown or pink at -45 dBFS under -30 dBFS music) lowers them only slightly.
 *   <li><b>DTMF</b>: runs of at least {@value #DTMF_MIN_S} s (at least one frame) of frames that
 *       {@link ToneProcessor} flagged as DTMF (digits are 40-100 ms, far too short for the other rules).
 *       A digit sequence merges into one tone; a lone digit, too short to be reported as a tone, is
 *       still returned in {@link Result#nonSpeech()} so that voice activity never calls it speech.
 * </ol>
 *
 * <p>Tonal runs closer than {@link FeatureOptions#toneMergeGapS()} are merged (melody note changes, DTMF
 * inter-digit gaps); merged spans shorter than {@link FeatureOptions#minToneS()} are dropped.
 *
 * <p>Chirps (sweeping sines): a sweep slower than about one FFT bin per 10 ms (1.5 kHz/s at 8 kHz, e.g.
 * 300-3400 Hz in 2 s or more) keeps a continuous peak and is a tone; a faster sweep smears the 64 ms
 * analysis frame, is neither tonal nor steady, and is not recognised as a tone (see the tests).
 */
final class ToneSegmenter {

  static final double MIN_LEVEL_DBFS = -70;
  static final double MIN_STABLE_S = 0.1;
  static final double FRAME_PEAKINESS = 0.9;
  static final double DTMF_MIN_S = 0.04;
  static final double MUSIC_TONALITY = 0.8;
  static final double MUSIC_STABILITY = 0.95;
  static final double MUSIC_NOTE_S = 0.28;
  static final double MUSIC_MIN_S = 1.0;

  private ToneSegmenter() {}

  /**
   * @param tones spans reported as tones
   * @param nonSpeech spans voice activity must not call speech: the tones plus lone DTMF digits
   */
  record Result(List<HopSpan> tones, List<HopSpan> nonSpeech) {}

  /** Per-frame measures from {@link ToneProcessor}. */
  record Frames(FloatSeries peakiness, FloatSeries peakBin, FloatSeries tonality, FloatSeries stability,
      BitSet dtmf) {

    static Frames of(ToneProcessor p) {
      return new Frames(p.peakiness(), p.peakBins(), p.tonality(), p.stability(), p.dtmfFrames());
    }
  }

  static Result find(Frames f, float[] envelopeDbfs, FeatureOptions o, double hopS, int hopsPerFrame) {
    int hops = envelopeDbfs.length;
    int n = Math.min(f.peakiness().size(), (hops + hopsPerFrame - 1) / hopsPerFrame);
    double frameS = hopS * hopsPerFrame;
    boolean[] loud = new boolean[n];
    for (int j = 0; j < n; j++) {
      for (int k = j * hopsPerFrame; k < Math.min(hops, (j + 1) * hopsPerFrame); k++) {
        loud[j] |= envelopeDbfs[k] > MIN_LEVEL_DBFS;
      }
    }

    List<HopSpan> runs = new ArrayList<>(steadyTones(f, loud, n, o, frameS, hopsPerFrame));
    runs.addAll(music(f, loud, n, o, frameS));
    List<HopSpan> digits = dtmf(f.dtmf(), loud, n, frameS);
    runs.addAll(digits);
    runs.sort(Comparator.comparingInt(HopSpan::from));
    List<HopSpan> merged = merge(runs, (int) Math.round(o.toneMergeGapS() / frameS));
    int minTone = (int) Math.round(o.minToneS() / frameS);
    merged.removeIf(s -> s.length() < minTone);

    List<HopSpan> nonSpeech = new ArrayList<>(merged);
    for (HopSpan d : digits) {
      if (merged.stream().noneMatch(m -> m.from() <= d.from() && d.to() <= m.to())) {
        nonSpeech.add(d);
      }
    }
    nonSpeech.sort(Comparator.comparingInt(HopSpan::from));
    return new Result(toHops(merged, hopsPerFrame, hops), toHops(nonSpeech, hopsPerFrame, hops));
  }

  /** Rule 1: a steady strong peak, in frames. */
  private static List<HopSpan> steadyTones(Frames f, boolean[] loud, int n, FeatureOptions o, double frameS,
      int hopsPerFrame) {
    int minStable = Math.max(2, (int) Math.round(MIN_STABLE_S / frameS));
    List<HopSpan> runs = new ArrayList<>();
    int start = -1;
    for (int k = 0; k <= n; k++) {
      boolean tonal = k < n && loud[k] && f.peakiness().get(k) >= FRAME_PEAKINESS;
      boolean continues = tonal && start >= 0 && Math.abs(f.peakBin().get(k) - f.peakBin().get(k - 1)) <= hopsPerFrame;
      if (start >= 0 && !continues) {
        if (k - start >= minStable && mean(f.peakiness(), start, k) >= o.tonePeakiness()) {
          runs.add(new HopSpan(start, k));
        }
        start = -1;
      }
      if (tonal && start < 0) {
        start = k;
      }
    }
    return runs;
  }

  /** Rule 2: passages of stable, peaky notes, in frames. */
  private static List<HopSpan> music(Frames f, boolean[] loud, int n, FeatureOptions o, double frameS) {
    int minNote = (int) Math.round(MUSIC_NOTE_S / frameS);
    List<HopSpan> notes = new ArrayList<>();
    int start = -1;
    for (int k = 0; k <= n; k++) {
      boolean ok = k < n && loud[k] && f.tonality().get(k) >= MUSIC_TONALITY
          && f.stability().get(k) >= MUSIC_STABILITY;
      if (ok && start < 0) {
        start = k;
      } else if (!ok && start >= 0) {
        // stability compares a frame with the one before: the note began one frame earlier
        int from = Math.max(0, start - 1);
        if (k - from >= minNote) {
          notes.add(new HopSpan(from, k));
        }
        start = -1;
      }
    }
    List<HopSpan> passages = merge(notes, (int) Math.round(o.toneMergeGapS() / frameS));
    int minPassage = (int) Math.round(MUSIC_MIN_S / frameS);
    passages.removeIf(s -> s.length() < minPassage);
    return passages;
  }

  /** Rule 3: DTMF digits, in frames. */
  private static List<HopSpan> dtmf(BitSet dtmf, boolean[] loud, int n, double frameS) {
    int minDtmf = Math.max(1, (int) Math.round(DTMF_MIN_S / frameS));
    List<HopSpan> digits = new ArrayList<>();
    for (int from = dtmf.nextSetBit(0); from >= 0 && from < n; ) {
      int to = Math.min(n, dtmf.nextClearBit(from));
      boolean audible = false;
      for (int k = from; k < to; k++) {
        audible |= loud[k];
      }
      if (to - from >= minDtmf && audible) {
        digits.add(new HopSpan(from, to));
      }
      from = dtmf.nextSetBit(to);
    }
    return digits;
  }

  /** Spans (sorted by start) closer than {@code gap} merged. */
  private static List<HopSpan> merge(List<HopSpan> sorted, int gap) {
    List<HopSpan> merged = new ArrayList<>();
    for (HopSpan r : sorted) {
      HopSpan last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && r.from() - last.to() < gap) {
        merged.set(merged.size() - 1, new HopSpan(last.from(), Math.max(last.to(), r.to())));
      } else {
        merged.add(r);
      }
    }
    return merged;
  }

  private static List<HopSpan> toHops(List<HopSpan> frames, int hopsPerFrame, int hops) {
    List<HopSpan> out = new ArrayList<>(frames.size());
    for (HopSpan s : frames) {
      out.add(new HopSpan(s.from() * hopsPerFrame, Math.min(hops, s.to() * hopsPerFrame)));
    }
    return out;
  }

  private static double mean(FloatSeries values, int from, int to) {
    double sum = 0;
    for (int k = from; k < to; k++) {
      sum += values.get(k);
    }
    return sum / (to - from);
  }
}

package io.callqa.audio;

import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.AudioProcessor;
import be.tarsos.dsp.util.fft.FFT;
import be.tarsos.dsp.util.fft.HannWindow;
import java.util.BitSet;

/**
 * Per-frame spectral measures for tone and music detection, from one Hann-windowed FFT frame per step.
 *
 * <p><b>Peakiness</b>: the fraction of a Hann-windowed frame's in-band energy (100 Hz to
 * 3800 Hz) that sits in its two strongest spectral peaks (each peak = its bin +- 2 bins), plus the
 * strongest peak's bin. A sine or a two-sine DTMF digit scores near 1; voiced speech spreads its energy
 * over many harmonics and scores lower.
 *
 * <p><b>Tonality</b>: the fraction of the in-band energy in the {@value #MUSIC_PEAKS} strongest local
 * spectral maxima (each its bin +- 2 bins, overlapping windows counted once). A melody note with a
 * harmonic (2 peaks) or a triad (3 peaks plus weak odd harmonics of a triangle wave) scores near 1; so
 * does a voiced frame of synthetic speech, which is why music is told from speech by
 * <b>stability</b>: the cosine similarity of this frame's in-band magnitude spectrum with the previous
 * frame's. Within a held note the spectrum does not change (similarity near 1 even under noise 15 dB
 * below the music); speech changes its spectrum every phoneme. See {@link ToneSegmenter}.
 *
 * <p>A frame is also flagged as DTMF when its two peaks sit on one DTMF row frequency (697, 770, 852,
 * 941 Hz) and one column frequency (1209, 1336, 1477, 1633 Hz), within 2% or one bin, hold at least
 * {@value #DTMF_MIN_PEAKINESS} of the in-band energy, and the weaker peak is within 10 dB of the
 * stronger (ITU-T Q.24 allows a few dB of twist). Digits last only 40-100 ms, too short for the
 * steady-pitch rule of {@link ToneSegmenter}.
 *
 * <p>Expects a dispatcher with buffer size = FFT size; one result per buffer, whatever the step.
 */
final class ToneProcessor implements AudioProcessor {

  static final double BAND_LOW_HZ = 100;
  static final double BAND_HIGH_HZ = 3800;
  private static final int PEAK_HALF_WIDTH = 2;

  private final FFT fft;
  private final float[] work;
  private final float[] spectrum;
  private final int lowBin;
  private final int highBin;
  static final int MUSIC_PEAKS = 4;
  /**
   * After a frame whose tonality and peakiness are both below this, the next frame is not analysed (it
   * repeats the measures): noise, silence and unvoiced sound are analysed every 40 ms instead of 20 ms.
   * Any tonal evidence (a note, a beep, a DTMF digit, a voiced frame) restores the full rate, so a tone
   * onset is seen at most one frame late. Halves the FFTs on the silent side of a call.
   */
  static final double SKIP_BELOW = 0.6;
  /**
   * Stability is only measured on frames at least this tonal (the music rule of {@link ToneSegmenter}
   * needs {@link ToneSegmenter#MUSIC_TONALITY}); other frames get 0 and break the chain. Saves a square
   * root per bin on speech and noise.
   */
  static final double STABLE_TONALITY = ToneSegmenter.MUSIC_TONALITY;

  private boolean skipNext;

  private final FloatSeries peakiness = new FloatSeries();
  private final FloatSeries tonality = new FloatSeries();
  private final FloatSeries stability = new FloatSeries();
  /** The previous frame's magnitude spectrum, when it was tonal ({@link #previousNorm} > 0). */
  private final float[] magnitude;
  private double previousNorm;
  private final int[] topPeaks = new int[MUSIC_PEAKS];
  private final double[] topEnergy = new double[MUSIC_PEAKS];
  private final FloatSeries peakBin = new FloatSeries();
  private final BitSet dtmf = new BitSet();
  private final double binHz;
  private int frames;

  static final double[] DTMF_ROWS = {697, 770, 852, 941};
  static final double[] DTMF_COLUMNS = {1209, 1336, 1477, 1633};
  static final double DTMF_MIN_PEAKINESS = 0.9;

  ToneProcessor(int fftSize, int sampleRate) {
    this.fft = new FFT(fftSize, new HannWindow());
    this.work = new float[fftSize];
    this.spectrum = new float[fftSize / 2];
    this.magnitude = new float[fftSize / 2];
    this.binHz = (double) sampleRate / fftSize;
    this.lowBin = (int) Math.ceil(BAND_LOW_HZ / binHz);
    this.highBin = (int) Math.min(fftSize / 2 - 1, Math.floor(Math.min(BAND_HIGH_HZ, 0.48 * sampleRate) / binHz));
  }

  @Override
  public boolean process(AudioEvent event) {
    if (skipNext) {
      // the previous frame was plainly not tonal: this one repeats its measures without an FFT
      skipNext = false;
      peakiness.add(peakiness.get(frames - 1));
      peakBin.add(peakBin.get(frames - 1));
      tonality.add(tonality.get(frames - 1));
      stability.add(stability.get(frames - 1));
      frames++;
      return true;
    }
    System.arraycopy(event.getFloatBuffer(), 0, work, 0, work.length);
    fft.forwardTransform(work);
    // realForward layout: work[2k], work[2k + 1] = re, im of bin k for 0 < k < n/2 (lowBin >= 1)
    double total = 0;
    int first = lowBin;
    for (int k = lowBin; k <= highBin; k++) {
      float re = work[2 * k];
      float im = work[2 * k + 1];
      float power = re * re + im * im;
      spectrum[k] = power;
      total += power;
      if (power > spectrum[first]) {
        first = k;
      }
    }
    double tonal = total > 0 ? topPeakEnergy() / total : 0;
    tonality.add((float) tonal);
    stability.add((float) (tonal >= STABLE_TONALITY ? stability(total) : forgetPrevious()));
    int second = strongest(first);
    double inPeaks = peakEnergy(first) + peakEnergy(second);
    double p = total > 0 ? inPeaks / total : 0;
    peakiness.add((float) p);
    peakBin.add(first);   // exact: bins are far below 2^24
    if (p >= DTMF_MIN_PEAKINESS && second >= 0 && isDtmfPair(first, second)) {
      dtmf.set(frames);
    }
    skipNext = tonal < SKIP_BELOW && p < SKIP_BELOW;
    frames++;
    return true;
  }

  /**
   * Cosine similarity of this frame's in-band magnitude spectrum with the previous frame's (0 when the
   * previous frame was not tonal); keeps this frame's magnitudes for the next.
   */
  private double stability(double total) {
    double dot = 0;
    for (int k = lowBin; k <= highBin; k++) {
      float m = (float) Math.sqrt(spectrum[k]);
      dot += (double) m * magnitude[k];
      magnitude[k] = m;
    }
    double norms = Math.sqrt(total * previousNorm);
    previousNorm = total;
    return norms > 0 ? dot / norms : 0;
  }

  private double forgetPrevious() {
    previousNorm = 0;
    return 0;
  }

  /**
   * Energy of the {@value #MUSIC_PEAKS} strongest local maxima (ranked by their top bin), each bin +- 2,
   * overlaps counted once.
   */
  private double topPeakEnergy() {
    int found = 0;
    for (int k = lowBin + 1; k < highBin; k++) {
      float e = spectrum[k];   // peaks are ranked by their top bin, then measured over +- 2 bins
      if (found == MUSIC_PEAKS && e <= topEnergy[found - 1]) {
        continue;
      }
      if (e <= spectrum[k - 1] || e < spectrum[k + 1]) {
        continue;
      }
      int at = found == MUSIC_PEAKS ? found - 1 : found++;
      while (at > 0 && topEnergy[at - 1] < e) {
        topEnergy[at] = topEnergy[at - 1];
        topPeaks[at] = topPeaks[at - 1];
        at--;
      }
      topEnergy[at] = e;
      topPeaks[at] = k;
    }
    java.util.Arrays.sort(topPeaks, 0, found);
    double sum = 0;
    int covered = -1;   // last bin already counted
    for (int i = 0; i < found; i++) {
      int from = Math.max(Math.max(lowBin, topPeaks[i] - PEAK_HALF_WIDTH), covered + 1);
      int to = Math.min(highBin, topPeaks[i] + PEAK_HALF_WIDTH);
      for (int k = from; k <= to; k++) {
        sum += spectrum[k];
      }
      covered = Math.max(covered, to);
    }
    return sum;
  }

  /** Strongest in-band bin that is not within the peak around {@code exclude} (-1: none excluded). */
  private int strongest(int exclude) {
    int best = -1;
    for (int k = lowBin; k <= highBin; k++) {
      if (exclude >= 0 && Math.abs(k - exclude) <= 2 * PEAK_HALF_WIDTH) {
        continue;
      }
      if (best < 0 || spectrum[k] > spectrum[best]) {
        best = k;
      }
    }
    return best;
  }

  private boolean isDtmfPair(int a, int b) {
    double fa = a * binHz;
    double fb = b * binHz;
    double low = Math.min(fa, fb);
    double high = Math.max(fa, fb);
    double ea = peakEnergy(a);
    double eb = peakEnergy(b);
    return near(low, DTMF_ROWS) && near(high, DTMF_COLUMNS) && Math.min(ea, eb) >= 0.1 * Math.max(ea, eb);
  }

  private boolean near(double hz, double[] targets) {
    for (double t : targets) {
      if (Math.abs(hz - t) <= Math.max(0.02 * t, binHz)) {
        return true;
      }
    }
    return false;
  }

  private double peakEnergy(int bin) {
    if (bin < 0) {
      return 0;
    }
    double e = 0;
    for (int k = Math.max(lowBin, bin - PEAK_HALF_WIDTH); k <= Math.min(highBin, bin + PEAK_HALF_WIDTH); k++) {
      e += spectrum[k];
    }
    return e;
  }

  @Override
  public void processingFinished() {
    // results are read through peakiness() and peakBins()
  }

  /** Peakiness (0..1) of every frame, in order. */
  FloatSeries peakiness() {
    return peakiness;
  }

  /** Tonality (0..1) of every frame: energy fraction in the strongest {@value #MUSIC_PEAKS} peaks. */
  FloatSeries tonality() {
    return tonality;
  }

  /**
   * Stability (0..1) of every frame: spectral similarity with the previous frame; 0 for the first frame,
   * for frames below {@link #STABLE_TONALITY} and for frames after one.
   */
  FloatSeries stability() {
    return stability;
  }

  /** Strongest in-band FFT bin of every frame (-1 when the band is empty), in order. */
  FloatSeries peakBins() {
    return peakBin;
  }

  /** Frames flagged as a DTMF digit. */
  BitSet dtmfFrames() {
    return dtmf;
  }
}

package io.callqa.audio;

import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.AudioProcessor;
import be.tarsos.dsp.util.fft.FFT;
import be.tarsos.dsp.util.fft.HannWindow;
import java.util.BitSet;

/**
 * Per-frame spectral peakiness: the fraction of a Hann-windowed frame's in-band energy (100 Hz to
 * 3800 Hz) that sits in its two strongest spectral peaks (each peak = its bin +- 2 bins), plus the
 * strongest peak's bin. A sine or a two-sine DTMF digit scores near 1; voiced speech spreads its energy
 * over many harmonics and scores lower.
 *
 * <p>A frame is also flagged as DTMF when its two peaks sit on one DTMF row frequency (697, 770, 852,
 * 941 Hz) and one column frequency (1209, 1336, 1477, 1633 Hz), within 2% or one bin, hold at least
 * {@value #DTMF_MIN_PEAKINESS} of the in-band energy, and the weaker peak is within 10 dB of the
 * stronger (ITU-T Q.24 allows a few dB of twist). Digits last only 40-100 ms, too short for the
 * steady-pitch rule of {@link ToneSegmenter}.
 *
 * <p>Expects a dispatcher with buffer size = FFT size and one hop of step; one result per buffer.
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
  private final FloatSeries peakiness = new FloatSeries();
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
    this.binHz = (double) sampleRate / fftSize;
    this.lowBin = (int) Math.ceil(BAND_LOW_HZ / binHz);
    this.highBin = (int) Math.min(fftSize / 2 - 1, Math.floor(Math.min(BAND_HIGH_HZ, 0.48 * sampleRate) / binHz));
  }

  @Override
  public boolean process(AudioEvent event) {
    System.arraycopy(event.getFloatBuffer(), 0, work, 0, work.length);
    fft.forwardTransform(work);
    fft.modulus(work, spectrum);
    double total = 0;
    for (int k = lowBin; k <= highBin; k++) {
      spectrum[k] *= spectrum[k];
      total += spectrum[k];
    }
    int first = strongest(-1);
    int second = strongest(first);
    double inPeaks = peakEnergy(first) + peakEnergy(second);
    double p = total > 0 ? inPeaks / total : 0;
    peakiness.add((float) p);
    peakBin.add(first);   // exact: bins are far below 2^24
    if (p >= DTMF_MIN_PEAKINESS && second >= 0 && isDtmfPair(first, second)) {
      dtmf.set(frames);
    }
    frames++;
    return true;
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

  /** Strongest in-band FFT bin of every frame (-1 when the band is empty), in order. */
  FloatSeries peakBins() {
    return peakBin;
  }

  /** Frames flagged as a DTMF digit. */
  BitSet dtmfFrames() {
    return dtmf;
  }
}

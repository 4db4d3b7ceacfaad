package io.callqa.audio;

import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.AudioProcessor;
import be.tarsos.dsp.util.fft.FFT;
import be.tarsos.dsp.util.fft.HannWindow;

/**
 * Per-frame spectral peakiness: the fraction of a Hann-windowed frame's in-band energy (100 Hz to
 * 3800 Hz) that sits in its two strongest spectral peaks (each peak = its bin +- 2 bins), plus the
 * strongest peak's bin. A sine or a two-sine DTMF digit scores near 1; voiced speech spreads its energy
 * over many harmonics and scores lower.
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

  ToneProcessor(int fftSize, int sampleRate) {
    this.fft = new FFT(fftSize, new HannWindow());
    this.work = new float[fftSize];
    this.spectrum = new float[fftSize / 2];
    double binHz = (double) sampleRate / fftSize;
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
    peakiness.add(total > 0 ? (float) (inPeaks / total) : 0f);
    peakBin.add(first);   // exact: bins are far below 2^24
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
}

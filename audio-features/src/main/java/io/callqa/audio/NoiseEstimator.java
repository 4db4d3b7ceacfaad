package io.callqa.audio;

import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.AudioProcessor;
import be.tarsos.dsp.util.fft.FFT;

/**
 * Measures a channel's {@link NoiseProfile} in one streaming pass: the mean power spectrum of its quietest
 * {@link #QUIET_SHARE} of frames, leaving out digital silence (muted stretches say nothing about the noise under
 * the speech). A call's channel is quiet much of the time (the other party talks, pauses), so its quietest
 * frames are background noise.
 *
 * <p>Memory does not grow with the recording: frames are summed into {@value #BUCKETS} one-decibel buckets by
 * their level, and the quietest buckets are combined at the end (the quantile is exact to a bucket).
 * Expects non-overlapping frames of {@link NoiseProfile#fftSizeFor} samples; shorter (final) frames are ignored.
 */
final class NoiseEstimator implements AudioProcessor {
  /** Share of the non-silent frames taken as noise. */
  static final double QUIET_SHARE = 0.15;
  /** Frames below this level (dBFS) are digital silence. */
  static final double SILENCE_DBFS = -90;
  private static final int BUCKETS = 100; // -90 .. +10 dBFS

  private final int sampleRate;
  private final int n;
  private final float[] window;
  private final FFT fft;
  private final float[] work;
  private final double[][] sums = new double[BUCKETS][];
  private final long[] counts = new long[BUCKETS];
  private NoiseProfile profile;

  NoiseEstimator(int sampleRate) {
    this.sampleRate = sampleRate;
    this.n = NoiseProfile.fftSizeFor(sampleRate);
    this.window = NoiseProfile.window(n);
    this.fft = new FFT(n);
    this.work = new float[n];
  }

  int frameSize() {
    return n;
  }

  @Override
  public boolean process(AudioEvent event) {
    float[] x = event.getFloatBuffer();
    if (x.length != n) {
      return true;
    }
    double meanSquare = 0;
    for (int i = 0; i < n; i++) {
      meanSquare += x[i] * x[i];
      work[i] = x[i] * window[i];
    }
    double db = Levels.powerToDbfs(meanSquare / n);
    if (db < SILENCE_DBFS) {
      return true;
    }
    int b = Math.min(BUCKETS - 1, (int) (db - SILENCE_DBFS));
    fft.forwardTransform(work);
    double[] sum = sums[b];
    if (sum == null) {
      sum = sums[b] = new double[n / 2 + 1];
    }
    for (int k = 0; k <= n / 2; k++) {
      sum[k] += Spectra.power(work, k, n);
    }
    counts[b]++;
    return true;
  }

  @Override
  public void processingFinished() {
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    long want = Math.max(1, Math.round(total * QUIET_SHARE));
    double[] mean = new double[n / 2 + 1];
    long used = 0;
    for (int b = 0; b < BUCKETS && used < want && total > 0; b++) {
      if (counts[b] == 0) {
        continue;
      }
      // the last bucket needed is taken whole: the quantile moves by at most one decibel
      for (int k = 0; k <= n / 2; k++) {
        mean[k] += sums[b][k];
      }
      used += counts[b];
    }
    float[] power = new float[n / 2 + 1];
    for (int k = 0; k <= n / 2; k++) {
      power[k] = used == 0 ? 0f : (float) (mean[k] / used);
    }
    profile = new NoiseProfile(sampleRate, n, power);
  }

  /** The profile; after {@link #processingFinished}. */
  NoiseProfile profile() {
    if (profile == null) {
      throw new IllegalStateException("processingFinished() first");
    }
    return profile;
  }
}

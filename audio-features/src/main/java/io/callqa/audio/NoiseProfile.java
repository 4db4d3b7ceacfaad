package io.callqa.audio;

import java.util.Arrays;

/**
 * The steady background noise of one channel: its mean power spectrum in the quietest frames, as measured by
 * {@link ChannelFeatureExtractor} and used by {@link NoiseSuppressor}. Both analyse the same frames:
 * {@link #fftSize} samples (about 32 ms, a power of two) under {@link #window}.
 *
 * @param sampleRate the channel's rate, Hz
 * @param fftSize frame length, samples
 * @param power mean |X(k)|^2 of the windowed frame's DFT (unnormalised) for bins {@code 0..fftSize/2}; all zero
 *     when the channel had no frame above digital silence
 */
public record NoiseProfile(int sampleRate, int fftSize, float[] power) {
  /** Frame length aimed at, seconds (rounded up to a power of two samples). */
  static final double FRAME_S = 0.032;

  public NoiseProfile {
    if (Integer.bitCount(fftSize) != 1 || power.length != fftSize / 2 + 1) {
      throw new IllegalArgumentException("fftSize " + fftSize + " with " + power.length + " bins");
    }
    power = power.clone();
  }

  /** The power-of-two frame length for {@code sampleRate}: 256 at 8 kHz, 512 at 16 kHz, 2048 at 44.1/48 kHz. */
  static int fftSizeFor(int sampleRate) {
    int n = (int) Math.ceil(FRAME_S * sampleRate);
    return Math.max(16, Integer.highestOneBit(n - 1) << 1);
  }

  /** Square root of a periodic Hann window: as analysis and synthesis window at a hop of n/4 it sums to 2. */
  static float[] window(int n) {
    float[] w = new float[n];
    for (int i = 0; i < n; i++) {
      w[i] = (float) Math.sqrt(0.5 - 0.5 * Math.cos(2 * Math.PI * i / n));
    }
    return w;
  }

  /** Mean power of bin {@code k} (a copy is not made: do not modify). */
  float bin(int k) {
    return power[k];
  }

  /** The noise level, dBFS (RMS, full scale 1.0), floor -100. */
  public double levelDbfs() {
    double sum = 0;
    for (int k = 0; k < power.length; k++) {
      sum += (k == 0 || k == power.length - 1 ? 1 : 2) * power[k];
    }
    // Parseval: sum over all bins = n * sum((x w)^2), and sum(w^2) = n / 2 for the window above
    double meanSquare = sum / ((double) fftSize * fftSize / 2);
    return Levels.powerToDbfs(meanSquare);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NoiseProfile p && p.sampleRate == sampleRate && p.fftSize == fftSize
        && Arrays.equals(p.power, power);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * sampleRate + fftSize) + Arrays.hashCode(power);
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "NoiseProfile[%d Hz, n=%d, %.1f dBFS]", sampleRate, fftSize,
        levelDbfs());
  }
}

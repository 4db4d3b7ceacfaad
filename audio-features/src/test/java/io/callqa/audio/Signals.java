package io.callqa.audio;

import java.util.Random;

/** Synthetic test signals. Levels are dBFS of RMS (full-scale square = 0 dBFS). */
final class Signals {

  private Signals() {}

  static float[] sine(double hz, double rmsDbfs, double seconds, int rate) {
    double amplitude = Math.sqrt(2) * Math.pow(10, rmsDbfs / 20);
    float[] x = new float[(int) Math.round(seconds * rate)];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
    }
    return x;
  }

  /** Linear sweep from f0 to f1 Hz (a chirp), constant amplitude. */
  static float[] chirp(double f0, double f1, double rmsDbfs, double seconds, int rate) {
    double amplitude = Math.sqrt(2) * Math.pow(10, rmsDbfs / 20);
    float[] x = new float[(int) Math.round(seconds * rate)];
    double phase = 0;
    for (int i = 0; i < x.length; i++) {
      phase += 2 * Math.PI * (f0 + (f1 - f0) * i / x.length) / rate;
      x[i] = (float) (amplitude * Math.sin(phase));
    }
    return x;
  }

  /** Adds the DTMF digits (row, column Hz pairs) at {@code atS}, each {@code onS} long, {@code offS} apart. */
  static void dtmf(float[] dst, double[][] digits, double atS, double onS, double offS, int rate) {
    for (int d = 0; d < digits.length; d++) {
      double t = atS + d * (onS + offS);
      mix(dst, sine(digits[d][0], -23, onS, rate), t, rate);   // -20 dBFS together
      mix(dst, sine(digits[d][1], -23, onS, rate), t, rate);
    }
  }

  static float[] whiteNoise(double rmsDbfs, double seconds, int rate, Random random) {
    double sigma = Math.pow(10, rmsDbfs / 20);
    float[] x = new float[(int) Math.round(seconds * rate)];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (sigma * random.nextGaussian());
    }
    return x;
  }

  /** Adds {@code src} into {@code dst} starting at second {@code atS}. */
  static void mix(float[] dst, float[] src, double atS, int rate) {
    int at = (int) Math.round(atS * rate);
    for (int i = 0; i < src.length && at + i < dst.length; i++) {
      dst[at + i] += src[i];
    }
  }

  /**
   * Speech-like babble: a harmonic source with a gliding pitch (110..160 Hz), random formant-like
   * harmonic weights changing every 60 ms, and a syllable envelope (4 Hz), at the given RMS level.
   */
  static float[] speechLike(double rmsDbfs, double seconds, int rate, Random random) {
    int n = (int) Math.round(seconds * rate);
    double[] x = new double[n];
    double phase = 0;
    double[] weights = new double[25];
    for (int i = 0; i < n; i++) {
      if (i % (rate * 60 / 1000) == 0) {
        for (int h = 0; h < weights.length; h++) {
          weights[h] = random.nextDouble() / (1 + h * 0.15);
        }
      }
      double t = i / (double) rate;
      double f0 = 135 + 25 * Math.sin(2 * Math.PI * 1.3 * t + random.nextDouble() * 0.01);
      phase += 2 * Math.PI * f0 / rate;
      double v = 0;
      for (int h = 1; h <= weights.length && h * f0 < rate / 2.0; h++) {
        v += weights[h - 1] * Math.sin(h * phase);
      }
      double syllable = 0.3 + 0.7 * Math.pow(Math.sin(Math.PI * 4 * t), 2);
      x[i] = v * syllable + 0.05 * random.nextGaussian();
    }
    double sum = 0;
    for (double v : x) {
      sum += v * v;
    }
    double scale = Math.pow(10, rmsDbfs / 20) / Math.sqrt(sum / n);
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) (x[i] * scale);
    }
    return out;
  }

  static double rmsDbfs(float[] x, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += (double) x[i] * x[i];
    }
    return 10 * Math.log10(sum / (to - from));
  }
}

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

  /**
   * Pink (1/f) or brown (1/f^2) noise limited to the telephone band (first-order high-pass at 300 Hz, so
   * most of its energy sits at the low end of the analysis band, as in the evaluation set), at the given
   * RMS level.
   */
  static float[] colouredNoise(boolean brown, double rmsDbfs, double seconds, int rate, Random random) {
    int n = (int) Math.round(seconds * rate);
    double[] x = new double[n];
    double b0 = 0, b1 = 0, b2 = 0, level = 0;   // Paul Kellet's economy pink filter; leaky integrator for brown
    double hpIn = 0, hpOut = 0;
    double r = Math.exp(-2 * Math.PI * 300 / rate);
    for (int i = 0; i < n; i++) {
      double w = random.nextGaussian();
      double v;
      if (brown) {
        level = 0.998 * level + w;
        v = level;
      } else {
        b0 = 0.99765 * b0 + w * 0.0990460;
        b1 = 0.96300 * b1 + w * 0.2965164;
        b2 = 0.57000 * b2 + w * 1.0526913;
        v = b0 + b1 + b2 + w * 0.1848;
      }
      hpOut = r * (hpOut + v - hpIn);
      hpIn = v;
      x[i] = hpOut;
    }
    return scaled(x, rmsDbfs);
  }

  /** Hold-music melody: 0.5 s sine notes (C4 E4 G4 C5 G4 E4) with a 0.3 second harmonic, soft attack. */
  static float[] melody(double rmsDbfs, double seconds, int rate) {
    double[] notes = {262, 330, 392, 523, 392, 330};
    return notes(notes.length, 0.5, 0.02, 0.05, seconds, rate, rmsDbfs, (k, t) -> {
      double f = notes[k % notes.length];
      return Math.sin(2 * Math.PI * f * t) + 0.3 * Math.sin(2 * Math.PI * 2 * f * t);
    });
  }

  /** Hold music of another timbre: triangle-wave triads (I-vi-IV-V in C), one chord per 0.8 s. */
  static float[] chords(double rmsDbfs, double seconds, int rate) {
    double[][] chords = {{523.3, 659.3, 784.0}, {440.0, 523.3, 659.3}, {349.2, 440.0, 523.3}, {392.0, 493.9, 587.3}};
    return notes(chords.length, 0.8, 0.03, 0.1, seconds, rate, rmsDbfs, (k, t) -> {
      double v = 0;
      for (double f : chords[k % chords.length]) {
        v += 2 / Math.PI * Math.asin(Math.sin(2 * Math.PI * f * t));
      }
      return v;
    });
  }

  private interface Voice {
    double at(int note, double t);
  }

  private static float[] notes(int count, double noteS, double attackS, double releaseS, double seconds, int rate,
      double rmsDbfs, Voice voice) {
    int n = (int) Math.round(seconds * rate);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      double t = i / (double) rate;
      int note = (int) (t / noteS);
      double u = t - note * noteS;
      double env = Math.min(1, Math.min(u / attackS, (noteS - u) / releaseS));
      x[i] = env * voice.at(note, u);
    }
    return scaled(x, rmsDbfs);
  }

  /**
   * Monotone speech-like sound: a harmonic source at a constant 110 Hz (like a flat synthetic voice),
   * random formant-like harmonic weights changing every {@code segmentMs}, voiced syllables of 150-400 ms
   * with 50-150 ms gaps, at the given RMS level (over the whole signal).
   */
  static float[] monotoneSpeech(double rmsDbfs, double seconds, int segmentMs, int rate, Random random) {
    int n = (int) Math.round(seconds * rate);
    double[] x = new double[n];
    double[] weights = new double[30];
    int nextSyllable = 0;
    boolean voiced = false;
    for (int i = 0; i < n; i++) {
      if (i == nextSyllable) {
        voiced = !voiced;
        nextSyllable += (int) ((voiced ? 0.15 + 0.25 * random.nextDouble() : 0.05 + 0.1 * random.nextDouble()) * rate);
      }
      if (i % (rate * segmentMs / 1000) == 0) {
        for (int h = 0; h < weights.length; h++) {
          weights[h] = random.nextDouble() / (1 + h * 0.1);
        }
      }
      double v = 0;
      if (voiced) {
        for (int h = 1; h <= weights.length && h * 110 < rate / 2.0; h++) {
          v += weights[h - 1] * Math.sin(2 * Math.PI * 110 * h * i / rate);
        }
      }
      x[i] = v;
    }
    return scaled(x, rmsDbfs);
  }

  private static float[] scaled(double[] x, double rmsDbfs) {
    double sum = 0;
    for (double v : x) {
      sum += v * v;
    }
    double scale = Math.pow(10, rmsDbfs / 20) / Math.sqrt(sum / Math.max(1, x.length));
    float[] out = new float[x.length];
    for (int i = 0; i < x.length; i++) {
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

package io.callqa.audio;

import java.util.Objects;

/**
 * Band-limited sample-rate conversion with a Kaiser-windowed sinc filter in polyphase form.
 *
 * <p>The filter's cutoff is {@value #ROLLOFF} of the lower of the two Nyquist frequencies, so
 * downsampling removes what would alias (stopband attenuation about 80 dB, Kaiser beta {@value #BETA}),
 * and upsampling adds no images. The filter is linear-phase and centred: output sample {@code n} is
 * at time {@code n / toRate} seconds, like input sample {@code n * fromRate / toRate}; there is no
 * delay. Samples beyond the input's ends are taken as zero. DC gain is exactly 1.
 *
 * <p>Cost: about {@value #ZERO_CROSSINGS}*2/{@value #ROLLOFF} multiply-adds per output sample when
 * upsampling (8 kHz to 16 kHz runs at well over 1000x real time on one core). Thread-safe.
 */
public final class Resampler {

  /** Cutoff as a fraction of the lower Nyquist frequency. */
  static final double ROLLOFF = 0.92;
  /** Sinc zero crossings on each side of the centre tap (at the lower rate). */
  static final int ZERO_CROSSINGS = 16;
  /** Kaiser window shape parameter (about 80 dB stopband). */
  static final double BETA = 8.0;
  /** Beyond this many distinct filter phases, phases are quantised to this many. */
  static final int MAX_PHASES = 4096;

  private Resampler() {}

  /**
   * Converts {@code in} from {@code fromRate} Hz to {@code toRate} Hz.
   *
   * @return a new array of {@code ceil(in.length * toRate / fromRate)} samples (a copy of {@code in}
   *     when the rates are equal)
   * @throws IllegalArgumentException when a rate is not positive (a programming error)
   */
  public static float[] resample(float[] in, int fromRate, int toRate) {
    Objects.requireNonNull(in, "in");
    if (fromRate <= 0 || toRate <= 0) {
      throw new IllegalArgumentException("sample rates must be positive: " + fromRate + " -> " + toRate);
    }
    if (fromRate == toRate) {
      return in.clone();
    }
    long g = gcd(fromRate, toRate);
    long up = toRate / g;    // L: output samples per ...
    long down = fromRate / g; // M: ... input samples
    int outLength = (int) ((in.length * up + down - 1) / down);
    int phases = (int) Math.min(up, MAX_PHASES);
    double scale = Math.min(1.0, (double) toRate / fromRate) * ROLLOFF; // cutoff in cycles/input sample * 2
    int half = (int) Math.ceil(ZERO_CROSSINGS / scale);
    int taps = 2 * half;
    float[] table = filterTable(phases, taps, half, scale);
    float[] out = new float[outLength];
    for (int n = 0; n < outLength; n++) {
      long pos = filterPosition(n, up, down, phases);
      long base = pos / phases;
      int phase = (int) (pos % phases);
      // taps cover input samples base - half + 1 .. base + half
      long first = base - half + 1;
      int row = phase * taps;
      double acc = 0;
      if (first >= 0 && first + taps <= in.length) {
        int f = (int) first;
        for (int k = 0; k < taps; k++) {
          acc += table[row + k] * in[f + k];
        }
      } else {
        for (int k = 0; k < taps; k++) {
          long idx = first + k;
          if (idx >= 0 && idx < in.length) {
            acc += table[row + k] * in[(int) idx];
          }
        }
      }
      out[n] = (float) acc;
    }
    return out;
  }

  /**
   * Where output sample {@code n} sits in the input, in steps of 1/{@code phases} of an input sample: input
   * position n * down / up, rounded to the nearest filter phase. {@code pos / phases} is the input sample the
   * filter is centred after, {@code pos % phases} the phase (a position that rounds up to the next whole sample
   * is phase 0 of that sample). Shared by {@link StreamingResampler}, which must give identical samples.
   */
  static long filterPosition(long n, long up, long down, int phases) {
    long num = n * down;
    long rem = num % up;
    return num / up * phases + (phases == up ? rem : Math.round((double) rem / up * phases));
  }

  /**
   * Row {@code p} holds the taps for an output falling {@code p / phases} of an input sample after
   * input sample {@code base}; tap {@code k} weighs input sample {@code base - half + 1 + k}.
   * Each row is normalised to sum 1.
   */
  static float[] filterTable(int phases, int taps, int half, double scale) {
    float[] table = new float[phases * taps];
    double i0Beta = besselI0(BETA);
    for (int p = 0; p < phases; p++) {
      double frac = (double) p / phases;
      double sum = 0;
      double[] row = new double[taps];
      for (int k = 0; k < taps; k++) {
        double t = frac - (k - half + 1);   // distance (input samples) from tap to the output instant
        double x = t / half;
        double w = Math.abs(x) >= 1 ? 0 : besselI0(BETA * Math.sqrt(1 - x * x)) / i0Beta;
        double arg = Math.PI * scale * t;
        double sinc = Math.abs(arg) < 1e-12 ? 1 : Math.sin(arg) / arg;
        row[k] = scale * sinc * w;
        sum += row[k];
      }
      for (int k = 0; k < taps; k++) {
        table[p * taps + k] = (float) (row[k] / sum);
      }
    }
    return table;
  }

  /** Zeroth-order modified Bessel function of the first kind (power series). */
  private static double besselI0(double x) {
    double sum = 1;
    double term = 1;
    double q = x * x / 4;
    for (int k = 1; k < 50; k++) {
      term *= q / ((double) k * k);
      sum += term;
      if (term < 1e-12 * sum) {
        break;
      }
    }
    return sum;
  }

  static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}

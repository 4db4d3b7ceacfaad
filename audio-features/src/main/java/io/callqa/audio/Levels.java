package io.callqa.audio;

import java.util.ArrayList;
import java.util.List;

/**
 * Level measurements of one channel: converts linear power to dBFS and measures spans as
 * {@link Segment}s from the channel's samples and hop powers.
 */
final class Levels {

  /** Lowest level reported, dBFS. */
  static final double FLOOR_DBFS = -100;

  private final float[] samples;
  private final int sampleRate;
  private final int hop;
  private final double[] hopPower;

  Levels(float[] samples, int sampleRate, int hop, double[] hopPower) {
    this.samples = samples;
    this.sampleRate = sampleRate;
    this.hop = hop;
    this.hopPower = hopPower;
  }

  /** Mean power (full-scale square wave = 1) to dBFS, floored at {@value #FLOOR_DBFS}. */
  static double powerToDbfs(double power) {
    return power <= 1e-10 ? FLOOR_DBFS : Math.max(FLOOR_DBFS, 10 * Math.log10(power));
  }

  /** Absolute amplitude to dBFS, floored at {@value #FLOOR_DBFS}. */
  static double amplitudeToDbfs(double amplitude) {
    return amplitude <= 1e-5 ? FLOOR_DBFS : Math.max(FLOOR_DBFS, 20 * Math.log10(amplitude));
  }

  /** The span of hops as a segment with its mean and peak level. */
  Segment hops(HopSpan span) {
    return samples((long) span.from() * hop, Math.min(samples.length, (long) span.to() * hop));
  }

  /** The span of samples {@code [from, to)} as a segment with its mean and peak level. */
  Segment samples(long from, long to) {
    double sum = 0;
    float peak = 0;
    for (long i = from; i < to; i++) {
      float v = samples[(int) i];
      sum += (double) v * v;
      peak = Math.max(peak, Math.abs(v));
    }
    double mean = to > from ? sum / (to - from) : 0;
    return new Segment(from / (double) sampleRate, to / (double) sampleRate, powerToDbfs(mean),
        amplitudeToDbfs(peak));
  }

  /** Envelope in dBFS, one value per hop. */
  float[] envelopeDbfs() {
    float[] env = new float[hopPower.length];
    for (int k = 0; k < env.length; k++) {
      env[k] = (float) powerToDbfs(hopPower[k]);
    }
    return env;
  }

  /** RMS level of 1-second windows every 0.25 s (one window over everything when shorter than 1 s). */
  List<LoudnessWindow> loudness1s() {
    int window = sampleRate;
    int step = sampleRate / 4;
    List<LoudnessWindow> out = new ArrayList<>();
    if (samples.length == 0) {
      return out;
    }
    // prefix sums of power for O(1) windows
    double[] prefix = new double[samples.length + 1];
    for (int i = 0; i < samples.length; i++) {
      prefix[i + 1] = prefix[i] + (double) samples[i] * samples[i];
    }
    for (long start = 0; start == 0 || start + window <= samples.length; start += step) {
      long end = Math.min(samples.length, start + window);
      double mean = (prefix[(int) end] - prefix[(int) start]) / (end - start);
      out.add(new LoudnessWindow(start / (double) sampleRate, powerToDbfs(mean)));
    }
    return out;
  }
}

package io.callqa.audio;

/**
 * Level measurements of one channel from its per-hop power and peak: converts linear power to dBFS and
 * measures hop spans as {@link Segment}s (mean power weighted by the samples in each hop, so the result
 * equals a measurement over the span's samples).
 */
final class Levels {

  /** Lowest level reported, dBFS. */
  static final double FLOOR_DBFS = -100;

  private final FloatSeries hopPower;
  private final FloatSeries hopPeak;
  private final int hop;
  private final int lastHopLength;
  private final int sampleRate;

  Levels(FloatSeries hopPower, FloatSeries hopPeak, int hop, int lastHopLength, int sampleRate) {
    this.hopPower = hopPower;
    this.hopPeak = hopPeak;
    this.hop = hop;
    this.lastHopLength = lastHopLength;
    this.sampleRate = sampleRate;
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
    int n = hopPower.size();
    int to = Math.min(span.to(), n);
    double sum = 0;
    long samples = 0;
    float peak = 0;
    for (int k = span.from(); k < to; k++) {
      int len = k == n - 1 ? lastHopLength : hop;
      sum += (double) hopPower.get(k) * len;
      samples += len;
      peak = Math.max(peak, hopPeak.get(k));
    }
    long fromSample = (long) span.from() * hop;
    return new Segment(fromSample / (double) sampleRate, (fromSample + samples) / (double) sampleRate,
        powerToDbfs(samples > 0 ? sum / samples : 0), amplitudeToDbfs(peak));
  }

  /** Envelope in dBFS, one value per hop. */
  float[] envelopeDbfs() {
    float[] env = new float[hopPower.size()];
    for (int k = 0; k < env.length; k++) {
      env[k] = (float) powerToDbfs(hopPower.get(k));
    }
    return env;
  }
}

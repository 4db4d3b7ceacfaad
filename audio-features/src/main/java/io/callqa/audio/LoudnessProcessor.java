package io.callqa.audio;

import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.AudioProcessor;
import java.util.Arrays;

/**
 * Mean power of each hop. Expects a dispatcher with buffer size = hop and no overlap; the last,
 * zero-padded buffer is averaged over its real samples only.
 */
final class LoudnessProcessor implements AudioProcessor {

  private final int hop;
  private final long totalSamples;
  private double[] power = new double[64];
  private int count;

  LoudnessProcessor(int hop, long totalSamples) {
    this.hop = hop;
    this.totalSamples = totalSamples;
  }

  @Override
  public boolean process(AudioEvent event) {
    float[] buf = event.getFloatBuffer();
    long start = (long) count * hop;
    int valid = (int) Math.max(0, Math.min(buf.length, totalSamples - start));
    if (valid == 0) {
      return true;
    }
    double sum = 0;
    for (int i = 0; i < valid; i++) {
      sum += (double) buf[i] * buf[i];
    }
    if (count == power.length) {
      power = Arrays.copyOf(power, count * 2);
    }
    power[count++] = sum / valid;
    return true;
  }

  @Override
  public void processingFinished() {
    // results are read through hopPower()
  }

  /** Mean power (linear, full scale = 1) of every hop, in order. */
  double[] hopPower() {
    return Arrays.copyOf(power, count);
  }
}

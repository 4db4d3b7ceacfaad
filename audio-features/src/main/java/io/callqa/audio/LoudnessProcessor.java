package io.callqa.audio;

import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.AudioProcessor;

/**
 * Mean power and peak of each hop. Expects non-overlapping buffers of one hop each; the last buffer
 * may be shorter (see {@link Framer#finishUnpadded()}) and is averaged over its real samples.
 */
final class LoudnessProcessor implements AudioProcessor {

  private final FloatSeries power = new FloatSeries();
  private final FloatSeries peak = new FloatSeries();
  private int lastLength;

  @Override
  public boolean process(AudioEvent event) {
    float[] buf = event.getFloatBuffer();
    if (buf.length == 0) {
      return true;
    }
    double sum = 0;
    float max = 0;
    for (float v : buf) {
      sum += (double) v * v;
      float a = Math.abs(v);
      if (a > max) {
        max = a;
      }
    }
    power.add((float) (sum / buf.length));
    peak.add(max);
    lastLength = buf.length;
    return true;
  }

  @Override
  public void processingFinished() {
    // results are read through the accessors
  }

  /** Mean power (linear, full scale = 1) of every hop, in order. */
  FloatSeries hopPower() {
    return power;
  }

  /** Largest absolute sample of every hop, in order. */
  FloatSeries hopPeak() {
    return peak;
  }

  /** Samples in the last hop (a full hop unless the recording ends mid-hop). */
  int lastHopLength() {
    return lastLength;
  }
}

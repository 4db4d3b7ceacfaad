package io.callqa.audio;

import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.AudioProcessor;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds runs of at least {@code minRun} consecutive samples with {@code |x| >= threshold}. Expects
 * non-overlapping buffers; runs that cross buffer boundaries are joined.
 */
final class ClippingDetector implements AudioProcessor {

  /** A run of clipped samples {@code [fromSample, toSample)}. */
  record Run(long fromSample, long toSample) {}

  private final float threshold;
  private final int minRun;
  private final long totalSamples;
  private final List<Run> runs = new ArrayList<>();
  private long position;
  private long runStart = -1;

  ClippingDetector(float threshold, int minRun, long totalSamples) {
    this.threshold = threshold;
    this.minRun = minRun;
    this.totalSamples = totalSamples;
  }

  @Override
  public boolean process(AudioEvent event) {
    float[] buf = event.getFloatBuffer();
    int valid = (int) Math.max(0, Math.min(buf.length, totalSamples - position));
    for (int i = 0; i < valid; i++, position++) {
      boolean clipped = Math.abs(buf[i]) >= threshold;
      if (clipped && runStart < 0) {
        runStart = position;
      } else if (!clipped && runStart >= 0) {
        close(position);
      }
    }
    return true;
  }

  @Override
  public void processingFinished() {
    if (runStart >= 0) {
      close(position);
    }
  }

  private void close(long end) {
    if (end - runStart >= minRun) {
      runs.add(new Run(runStart, end));
    }
    runStart = -1;
  }

  /** The runs found, in order. */
  List<Run> runs() {
    return List.copyOf(runs);
  }
}

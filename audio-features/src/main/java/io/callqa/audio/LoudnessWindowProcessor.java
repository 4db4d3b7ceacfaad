package io.callqa.audio;

import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.AudioProcessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RMS level of 1-second windows starting every 0.25 s (one window over everything when the recording
 * is shorter than 1 s). Keeps a running power sum and notes it at every window start and end, so only
 * two numbers per window are stored. Expects contiguous non-overlapping buffers in order.
 */
final class LoudnessWindowProcessor implements AudioProcessor {

  private final int sampleRate;
  private final int window;
  private final int step;
  private double[] atStart = new double[64];
  private double[] atEnd = new double[64];
  private int starts;
  private int ends;
  private long nextStart;
  private long nextEnd;
  private long position;
  private double cumulative;

  LoudnessWindowProcessor(int sampleRate) {
    this.sampleRate = sampleRate;
    this.window = sampleRate;
    this.step = Math.max(1, sampleRate / 4);
    this.nextEnd = window;
  }

  @Override
  public boolean process(AudioEvent event) {
    for (float v : event.getFloatBuffer()) {
      mark();
      cumulative += (double) v * v;
      position++;
    }
    return true;
  }

  private void mark() {
    if (position == nextStart) {
      if (starts == atStart.length) {
        atStart = Arrays.copyOf(atStart, starts * 2);
      }
      atStart[starts++] = cumulative;
      nextStart += step;
    }
    if (position == nextEnd) {
      if (ends == atEnd.length) {
        atEnd = Arrays.copyOf(atEnd, ends * 2);
      }
      atEnd[ends++] = cumulative;
      nextEnd += step;
    }
  }

  @Override
  public void processingFinished() {
    if (position == nextEnd) {
      mark();
    }
  }

  /** The windows, in order. */
  List<LoudnessWindow> windows() {
    List<LoudnessWindow> out = new ArrayList<>(Math.max(1, ends));
    if (position == 0) {
      return out;
    }
    if (ends == 0) {
      out.add(new LoudnessWindow(0, Levels.powerToDbfs(cumulative / position)));
      return out;
    }
    for (int k = 0; k < ends; k++) {
      out.add(new LoudnessWindow((long) k * step / (double) sampleRate,
          Levels.powerToDbfs((atEnd[k] - atStart[k]) / window)));
    }
    return out;
  }
}

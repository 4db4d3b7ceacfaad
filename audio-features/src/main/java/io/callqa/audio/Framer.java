package io.callqa.audio;

import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.AudioProcessor;
import be.tarsos.dsp.io.TarsosDSPAudioFloatConverter;
import be.tarsos.dsp.io.TarsosDSPAudioFormat;
import java.util.Arrays;

/**
 * Push-mode counterpart of TarsosDSP's {@code AudioDispatcher}: samples are pushed in blocks of any
 * size (as they come out of an {@link AudioStream}) and every complete frame of {@code size} samples,
 * advancing by {@code step}, goes through the {@link AudioProcessor} chain as an {@link AudioEvent}.
 * Only one frame of samples is held, so memory does not depend on the recording's length.
 *
 * <p>The event's float buffer is this framer's own window, valid only during {@code process}: a
 * processor that keeps samples must copy them.
 */
final class Framer {

  private final int size;
  private final int step;
  private final float[] window;
  private final AudioEvent event;
  private final AudioProcessor[] processors;
  private int fill;
  private long emitted;

  /**
   * @param leadingZeros zero samples virtually preceding the first pushed one (centres analysis frames
   *     on hops); must be below {@code size}
   */
  Framer(int size, int step, int leadingZeros, int sampleRate, AudioProcessor... processors) {
    if (step < 1 || step > size || leadingZeros < 0 || leadingZeros >= size) {
      throw new IllegalArgumentException("size " + size + ", step " + step + ", leadingZeros " + leadingZeros);
    }
    this.size = size;
    this.step = step;
    this.window = new float[size];
    this.fill = leadingZeros;
    this.processors = processors;
    this.event = new AudioEvent(new TarsosDSPAudioFormat(TarsosDSPAudioFloatConverter.PCM_FLOAT, sampleRate,
        32, 1, 4, sampleRate, false));
    this.event.setOverlap(size - step);
  }

  /** Pushes {@code x[from..to)}. */
  void push(float[] x, int from, int to) {
    while (from < to) {
      int n = Math.min(size - fill, to - from);
      System.arraycopy(x, from, window, fill, n);
      fill += n;
      from += n;
      if (fill == size) {
        emit(window);
        System.arraycopy(window, step, window, 0, size - step);
        fill -= step;
      }
    }
  }

  /** Frames handed to the processors so far. */
  long emitted() {
    return emitted;
  }

  /**
   * Ends a non-overlapping stream ({@code step == size}): the last partial frame, if any, is passed
   * with its real length (not zero-padded), then every processor is told that processing finished.
   */
  void finishUnpadded() {
    if (fill > 0) {
      emit(Arrays.copyOf(window, fill));
      fill = 0;
    }
    finished();
  }

  /** Ends the stream by zero-padding frames until {@code totalFrames} have been emitted. */
  void finishPadded(long totalFrames) {
    while (emitted < totalFrames) {
      Arrays.fill(window, fill, size, 0f);
      emit(window);
      System.arraycopy(window, step, window, 0, size - step);
      fill = size - step;
    }
    finished();
  }

  private void emit(float[] buffer) {
    event.setFloatBuffer(buffer);
    event.setBytesProcessed(emitted * step * 4);
    for (AudioProcessor p : processors) {
      p.process(event);
    }
    emitted++;
  }

  private void finished() {
    for (AudioProcessor p : processors) {
      p.processingFinished();
    }
  }
}

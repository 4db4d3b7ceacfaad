package io.callqa.audio;

import java.util.Arrays;
import java.util.Objects;

/**
 * {@link Resampler} for a stretch of samples pushed in blocks: the output of one stretch ({@link #accept} calls
 * up to {@link #finish}) is sample for sample what {@link Resampler#resample} returns for the whole stretch, but
 * memory stays at the filter length plus the largest block (a 3-hour channel is never held whole).
 *
 * <p>Output leaves through the {@link Sink} as soon as the input it depends on has arrived. After
 * {@link #finish} the resampler starts a new stretch (samples before it count as zero again), so one instance can
 * serve the regions of a channel one after the other. Not thread-safe.
 */
public final class StreamingResampler {

  /** Receives output samples; the array is reused after the call returns (copy what you keep). */
  @FunctionalInterface
  public interface Sink {
    void accept(float[] samples, int offset, int length);
  }

  private final boolean passThrough;
  private final long up;
  private final long down;
  private final int phases;
  private final int half;
  private final int taps;
  private final float[] table;
  private final Sink sink;
  /** Input of the current stretch not yet dropped: buf[0] is input sample {@code bufStart}. */
  private float[] buf = new float[1024];
  private long bufStart;
  private int bufLen;
  /** Index of the next output sample of the current stretch. */
  private long next;
  private float[] out = new float[1024];

  /**
   * @throws IllegalArgumentException when a rate is not positive (a programming error)
   */
  public StreamingResampler(int fromRate, int toRate, Sink sink) {
    this.sink = Objects.requireNonNull(sink, "sink");
    if (fromRate <= 0 || toRate <= 0) {
      throw new IllegalArgumentException("sample rates must be positive: " + fromRate + " -> " + toRate);
    }
    this.passThrough = fromRate == toRate;
    long g = Resampler.gcd(fromRate, toRate);
    this.up = toRate / g;
    this.down = fromRate / g;
    this.phases = (int) Math.min(up, Resampler.MAX_PHASES);
    double scale = Math.min(1.0, (double) toRate / fromRate) * Resampler.ROLLOFF;
    this.half = (int) Math.ceil(Resampler.ZERO_CROSSINGS / scale);
    this.taps = 2 * half;
    this.table = passThrough ? new float[0] : Resampler.filterTable(phases, taps, half, scale);
  }

  /** Pushes the next {@code length} input samples of the current stretch. */
  public void accept(float[] in, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, in.length);
    if (length == 0) {
      return;
    }
    if (passThrough) {
      sink.accept(in, offset, length);
      return;
    }
    if (bufLen + length > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, bufLen + length));
    }
    System.arraycopy(in, offset, buf, bufLen, length);
    bufLen += length;
    emit(false);
  }

  /** Ends the current stretch: emits its remaining output (input beyond its end taken as zero), then resets. */
  public void finish() {
    if (!passThrough) {
      emit(true);
    }
    bufStart = 0;
    bufLen = 0;
    next = 0;
  }

  private void emit(boolean end) {
    long received = bufStart + bufLen;
    long outLength = end ? (received * up + down - 1) / down : Long.MAX_VALUE;
    int produced = 0;
    while (next < outLength) {
      long pos = Resampler.filterPosition(next, up, down, phases);
      long base = pos / phases;
      int phase = (int) (pos % phases);
      long first = base - half + 1;
      if (!end && first + taps > received) {
        break; // needs input that has not arrived yet
      }
      int row = phase * taps;
      double acc = 0;
      for (int k = 0; k < taps; k++) {
        long idx = first + k;
        if (idx >= 0 && idx < received) {
          acc += table[row + k] * buf[(int) (idx - bufStart)];
        }
      }
      if (produced == out.length) {
        sink.accept(out, 0, produced);
        produced = 0;
      }
      out[produced++] = (float) acc;
      next++;
    }
    if (produced > 0) {
      sink.accept(out, 0, produced);
    }
    // drop input no later output needs (outputs only move forward)
    long keepFrom = Math.max(0, (next * down) / up - half);
    int drop = (int) Math.min(bufLen, Math.max(0, keepFrom - bufStart));
    if (drop > 0) {
      System.arraycopy(buf, drop, buf, 0, bufLen - drop);
      bufLen -= drop;
      bufStart += drop;
    }
  }
}

package io.callqa.audio;

import be.tarsos.dsp.io.TarsosDSPAudioFloatConverter;
import be.tarsos.dsp.io.TarsosDSPAudioFormat;
import be.tarsos.dsp.io.TarsosDSPAudioInputStream;

/**
 * Serves a float array to a TarsosDSP {@code AudioDispatcher} as 32-bit little-endian float PCM,
 * without quantising it to 16 bits (as {@code AudioDispatcherFactory.fromFloatArray} does), optionally
 * preceded by {@code leadingZeros} zero samples (used to centre analysis windows on hops).
 */
final class FloatArrayAudioStream implements TarsosDSPAudioInputStream {

  private final float[] samples;
  private final int leadingZeros;
  private final TarsosDSPAudioFormat format;
  private long position;

  FloatArrayAudioStream(float[] samples, int sampleRate, int leadingZeros) {
    this.samples = samples;
    this.leadingZeros = leadingZeros;
    this.format = new TarsosDSPAudioFormat(TarsosDSPAudioFloatConverter.PCM_FLOAT, sampleRate, 32, 1, 4,
        sampleRate, false);
  }

  private long totalSamples() {
    return (long) leadingZeros + samples.length;
  }

  @Override
  public long skip(long bytes) {
    long skipped = Math.min(bytes / 4, totalSamples() - position);
    position += skipped;
    return skipped * 4;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    int count = (int) Math.min(len / 4, totalSamples() - position);
    if (count <= 0) {
      return -1;
    }
    for (int i = 0; i < count; i++, position++) {
      float v = position < leadingZeros ? 0f : samples[(int) (position - leadingZeros)];
      int bits = Float.floatToRawIntBits(v);
      int p = off + 4 * i;
      b[p] = (byte) bits;
      b[p + 1] = (byte) (bits >>> 8);
      b[p + 2] = (byte) (bits >>> 16);
      b[p + 3] = (byte) (bits >>> 24);
    }
    return count * 4;
  }

  @Override
  public void close() {
    // nothing to release: the array belongs to the caller
  }

  @Override
  public TarsosDSPAudioFormat getFormat() {
    return format;
  }

  @Override
  public long getFrameLength() {
    return totalSamples();
  }
}

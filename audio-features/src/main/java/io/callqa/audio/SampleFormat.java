package io.callqa.audio;

/**
 * The natively decoded WAV sample formats and their conversion to floats in [-1, 1].
 * Package-private: the public face of a format is its {@link #encodingName()} in {@link AudioInfo}.
 */
enum SampleFormat {
  PCM_U8("pcm_u8", 1),
  PCM_S16LE("pcm_s16le", 2),
  PCM_S24LE("pcm_s24le", 3),
  PCM_S32LE("pcm_s32le", 4),
  PCM_F32LE("pcm_f32le", 4),
  PCM_F64LE("pcm_f64le", 8),
  MULAW("mulaw", 1),
  ALAW("alaw", 1);

  private static final float[] MULAW_TABLE = new float[256];
  private static final float[] ALAW_TABLE = new float[256];

  static {
    for (int i = 0; i < 256; i++) {
      MULAW_TABLE[i] = G711.mulawToLinear(i) / 32768f;
      ALAW_TABLE[i] = G711.alawToLinear(i) / 32768f;
    }
  }

  private final String encodingName;
  private final int bytesPerSample;

  SampleFormat(String encodingName, int bytesPerSample) {
    this.encodingName = encodingName;
    this.bytesPerSample = bytesPerSample;
  }

  /** Name used in {@link AudioInfo#encoding()}. */
  String encodingName() {
    return encodingName;
  }

  /** Bytes one sample occupies in the data chunk. */
  int bytesPerSample() {
    return bytesPerSample;
  }

  /**
   * Deinterleaves {@code frames} frames starting at {@code offset} of {@code data}.
   *
   * @return {@code channels} arrays of {@code frames} floats each
   */
  float[][] decode(byte[] data, int offset, int frames, int channels) {
    float[][] out = new float[channels][frames];
    int pos = offset;
    for (int i = 0; i < frames; i++) {
      for (int c = 0; c < channels; c++) {
        out[c][i] = sample(data, pos);
        pos += bytesPerSample;
      }
    }
    return out;
  }

  /**
   * Deinterleaves {@code frames} frames starting at {@code offset} of {@code data} into
   * {@code out[channel][outOffset..outOffset + frames)}.
   */
  void decodeInto(byte[] data, int offset, int frames, int channels, float[][] out, int outOffset) {
    int pos = offset;
    for (int i = 0; i < frames; i++) {
      for (int c = 0; c < channels; c++) {
        out[c][outOffset + i] = sample(data, pos);
        pos += bytesPerSample;
      }
    }
  }

  private float sample(byte[] d, int p) {
    switch (this) {
      case PCM_U8:
        return ((d[p] & 0xFF) - 128) / 128f;
      case PCM_S16LE:
        return (short) ((d[p] & 0xFF) | (d[p + 1] << 8)) / 32768f;
      case PCM_S24LE:
        return ((d[p] & 0xFF) | ((d[p + 1] & 0xFF) << 8) | (d[p + 2] << 16)) / 8388608f;
      case PCM_S32LE:
        return (float) (int32(d, p) / 2147483648.0);
      case PCM_F32LE:
        return Float.intBitsToFloat(int32(d, p));
      case PCM_F64LE:
        long lo = int32(d, p) & 0xFFFFFFFFL;
        long hi = int32(d, p + 4) & 0xFFFFFFFFL;
        return (float) Double.longBitsToDouble(lo | (hi << 32));
      case MULAW:
        return MULAW_TABLE[d[p] & 0xFF];
      case ALAW:
        return ALAW_TABLE[d[p] & 0xFF];
      default:
        throw new AssertionError(this);
    }
  }

  private static int int32(byte[] d, int p) {
    return (d[p] & 0xFF) | ((d[p + 1] & 0xFF) << 8) | ((d[p + 2] & 0xFF) << 16) | (d[p + 3] << 24);
  }
}

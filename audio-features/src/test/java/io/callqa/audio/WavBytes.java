package io.callqa.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds WAV files byte by byte, including deliberately broken ones, so decoder tests need no tools. */
final class WavBytes {

  int formatTag = 1;
  int channels = 1;
  int sampleRate = 8000;
  int bitsPerSample = 16;
  Integer blockAlign;          // null: computed
  boolean extensible;
  byte[] data = new byte[0];
  Long dataSizeField;          // null: data.length

  static WavBytes pcm16(int sampleRate, int channels, short... interleaved) {
    WavBytes w = new WavBytes();
    w.sampleRate = sampleRate;
    w.channels = channels;
    ByteBuffer b = ByteBuffer.allocate(interleaved.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (short s : interleaved) {
      b.putShort(s);
    }
    w.data = b.array();
    return w;
  }

  WavBytes tag(int formatTag, int bitsPerSample) {
    this.formatTag = formatTag;
    this.bitsPerSample = bitsPerSample;
    return this;
  }

  WavBytes data(byte[] data) {
    this.data = data;
    return this;
  }

  byte[] build() {
    int fmtSize = extensible ? 40 : 16;
    int align = blockAlign != null ? blockAlign : channels * ((bitsPerSample + 7) / 8);
    ByteBuffer b = ByteBuffer.allocate(12 + 8 + fmtSize + 8 + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(4 + 8 + fmtSize + 8 + data.length).put("WAVE".getBytes());
    b.put("fmt ".getBytes()).putInt(fmtSize);
    b.putShort((short) (extensible ? 0xFFFE : formatTag)).putShort((short) channels).putInt(sampleRate)
        .putInt(sampleRate * align).putShort((short) align).putShort((short) bitsPerSample);
    if (extensible) {
      b.putShort((short) 22).putShort((short) bitsPerSample).putInt(0);
      // KSDATAFORMAT_SUBTYPE_*: the format tag followed by the fixed GUID tail
      b.putShort((short) formatTag).put(new byte[] {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00,
          0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71});
    }
    b.put("data".getBytes()).putInt((int) (dataSizeField != null ? dataSizeField : data.length));
    b.put(data);
    return b.array();
  }

  /** Interleaved little-endian bytes of one sample value per call, helper for odd formats. */
  static final class Samples {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Samples le(long value, int bytes) {
      for (int i = 0; i < bytes; i++) {
        out.write((int) (value >>> (8 * i)) & 0xFF);
      }
      return this;
    }

    Samples f32(float v) {
      return le(Float.floatToRawIntBits(v) & 0xFFFFFFFFL, 4);
    }

    Samples f64(double v) {
      return le(Double.doubleToRawLongBits(v), 8);
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }
}

package io.callqa.audio;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A stereo 8 kHz mu-law WAV of any length, generated lazily as it is read (nothing is stored), so a
 * 3-hour call can be decoded in a test without a 173 MB fixture.
 *
 * <p>Content repeats every {@value #CYCLE_S} s: both channels carry seeded white noise at -60 dBFS;
 * the left channel has speech-like bursts (noise amplitude-modulated at 4 Hz, -25 dBFS RMS at the
 * syllable peaks) over [2, 6) and [8, 14) s and a 1 kHz tone at -20 dBFS over [45, 50) s; the right
 * channel has bursts over [20, 26) and [30, 38) s. Expected per cycle: left 2 speech + 1 tone, right 2
 * speech.
 */
final class SyntheticCallWav extends InputStream {

  static final int RATE = 8000;
  static final int CYCLE_S = 60;
  static final double[][] LEFT_SPEECH = {{2, 6}, {8, 14}};
  static final double[][] RIGHT_SPEECH = {{20, 26}, {30, 38}};
  static final double[] LEFT_TONE = {45, 50};

  private static final byte[] MULAW = new byte[65536];
  private static final float[] SYLLABLE = new float[RATE / 4];   // sin^2 envelope, period 0.25 s
  private static final float[] TONE = new float[8];               // 1 kHz at 8 kHz: 8 samples per period

  static {
    for (int v = -32768; v < 32768; v++) {
      MULAW[v & 0xFFFF] = linearToMulaw(v);
    }
    for (int i = 0; i < SYLLABLE.length; i++) {
      SYLLABLE[i] = (float) (0.3 + 0.7 * Math.pow(Math.sin(Math.PI * 4 * i / (double) RATE), 2));
    }
    double amplitude = Math.sqrt(2) * Math.pow(10, -20 / 20.0);
    for (int i = 0; i < 8; i++) {
      TONE[i] = (float) (amplitude * Math.sin(2 * Math.PI * i / 8.0));
    }
  }

  private final byte[] header;
  private final long dataBytes;
  private long position;   // bytes served, header included
  private long seed;

  SyntheticCallWav(double seconds, long seed) {
    this.dataBytes = Math.round(seconds * RATE) * 2;
    this.seed = seed == 0 ? 1 : seed;
    ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
    h.put("RIFF".getBytes()).putInt((int) (36 + dataBytes)).put("WAVE".getBytes());
    h.put("fmt ".getBytes()).putInt(16).putShort((short) 7).putShort((short) 2).putInt(RATE).putInt(RATE * 2)
        .putShort((short) 2).putShort((short) 8);
    h.put("data".getBytes()).putInt((int) dataBytes);
    this.header = h.array();
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    long total = header.length + dataBytes;
    if (position >= total) {
      return -1;
    }
    int n = (int) Math.min(len, total - position);
    for (int i = 0; i < n; i++, position++) {
      if (position < header.length) {
        b[off + i] = header[(int) position];
      } else {
        long sample = position - header.length;
        b[off + i] = MULAW[sample(sample >> 1, (int) (sample & 1)) & 0xFFFF];
      }
    }
    return n;
  }

  private int sample(long frame, int channel) {
    // xorshift64: uniform noise in [-1, 1) has RMS 1/sqrt(3)
    seed ^= seed << 13;
    seed ^= seed >>> 7;
    seed ^= seed << 17;
    float noise = (seed >> 40) / (float) (1L << 23);
    double t = (frame % (CYCLE_S * RATE)) / (double) RATE;
    float v = noise * 0.001f * 1.732f;   // -60 dBFS RMS
    double[][] speech = channel == 0 ? LEFT_SPEECH : RIGHT_SPEECH;
    for (double[] s : speech) {
      if (t >= s[0] && t < s[1]) {
        v += noise * 0.0562f * 1.732f * SYLLABLE[(int) (frame % SYLLABLE.length)];   // -25 dBFS at peaks
      }
    }
    if (channel == 0 && t >= LEFT_TONE[0] && t < LEFT_TONE[1]) {
      v += TONE[(int) (frame & 7)];
    }
    return Math.max(-32768, Math.min(32767, Math.round(v * 32768)));
  }

  /** ITU-T G.711 mu-law compression of a 16-bit sample (the reference algorithm). */
  static byte linearToMulaw(int pcm) {
    int sign = pcm < 0 ? 0x80 : 0;
    int magnitude = Math.min(Math.abs(pcm), 32635) + 0x84;
    int exponent = 31 - Integer.numberOfLeadingZeros(magnitude >> 7);
    int mantissa = (magnitude >> (exponent + 3)) & 0x0F;
    return (byte) ~(sign | (exponent << 4) | mantissa);
  }
}

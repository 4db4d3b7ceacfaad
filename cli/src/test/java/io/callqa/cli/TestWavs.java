package io.callqa.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/** Writes WAV files for tests: well-formed ones, broken ones, and long ones assembled without holding them. */
final class TestWavs {
  static final int TAG_PCM = 1;
  static final int TAG_MULAW = 7;
  /** mu-law's code for 0. */
  static final byte MULAW_SILENCE = (byte) 0xFF;

  private TestWavs() {}

  /** A RIFF/WAVE header with a 16-byte fmt chunk; every field as given, however absurd. */
  static byte[] header(int tag, int channels, long rate, int bitsPerSample, long dataBytes) {
    int blockAlign = channels * bitsPerSample / 8;
    return header(tag, channels, rate, blockAlign, bitsPerSample, 16, dataBytes);
  }

  static byte[] header(int tag, int channels, long rate, int blockAlign, int bitsPerSample, long fmtSize,
      long dataBytes) {
    ByteBuffer b = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt((int) Math.min(0xFFFFFFFFL, 36 + dataBytes)).put("WAVE".getBytes());
    b.put("fmt ".getBytes()).putInt((int) fmtSize).putShort((short) tag).putShort((short) channels)
        .putInt((int) rate).putInt((int) (rate * blockAlign)).putShort((short) blockAlign)
        .putShort((short) bitsPerSample);
    b.put("data".getBytes()).putInt((int) dataBytes);
    return b.array();
  }

  /** A well-formed 16-bit PCM file: a tone of {@code hz} with seeded noise, so each call differs in content. */
  static byte[] pcmTone(int channels, int rate, double seconds, double hz, long seed) {
    int frames = (int) Math.round(seconds * rate);
    ByteBuffer b = ByteBuffer.allocate(44 + frames * channels * 2).order(ByteOrder.LITTLE_ENDIAN);
    b.put(header(TAG_PCM, channels, rate, 16, frames * channels * 2L));
    Random rnd = new Random(seed);
    for (int i = 0; i < frames; i++) {
      for (int c = 0; c < channels; c++) {
        double v = 0.2 * Math.sin(2 * Math.PI * hz * (c + 1) * i / rate) + 0.01 * rnd.nextGaussian();
        b.putShort((short) Math.round(v * 32767));
      }
    }
    return b.array();
  }

  /** The raw data chunk of a WAV file (e.g. a sample call's mu-law bytes). */
  static byte[] dataChunk(Path wav) throws IOException {
    byte[] all = Files.readAllBytes(wav);
    ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
    int pos = 12;
    while (pos + 8 <= all.length) {
      String id = new String(all, pos, 4, java.nio.charset.StandardCharsets.US_ASCII);
      int size = b.getInt(pos + 4);
      if (id.equals("data")) {
        return Arrays.copyOfRange(all, pos + 8, Math.min(all.length, pos + 8 + size));
      }
      pos += 8 + size + (size & 1);
    }
    throw new IOException("no data chunk in " + wav);
  }

  /**
   * Writes a long 8 kHz mono mu-law recording of digital silence with {@code burst} (mu-law bytes) copied in at
   * each of {@code atSeconds}; streamed to disk, so a 3-hour file costs no memory.
   */
  static void longMulaw(Path file, double seconds, byte[] burst, double... atSeconds) throws IOException {
    int rate = 8000;
    long frames = Math.round(seconds * rate);
    byte[] silence = new byte[1 << 16];
    Arrays.fill(silence, MULAW_SILENCE);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      out.write(header(TAG_MULAW, 1, rate, 8, frames));
      long pos = 0;
      for (double at : atSeconds) {
        long start = Math.round(at * rate);
        pos = fill(out, silence, pos, start);
        out.write(burst);
        pos += burst.length;
      }
      fill(out, silence, pos, frames);
    }
  }

  private static long fill(OutputStream out, byte[] silence, long pos, long until) throws IOException {
    while (pos < until) {
      int n = (int) Math.min(silence.length, until - pos);
      out.write(silence, 0, n);
      pos += n;
    }
    return pos;
  }
}

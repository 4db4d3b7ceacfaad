package io.callqa.audio;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Recognises audio containers by their magic bytes. */
final class ContainerSniffer {

  private ContainerSniffer() {}

  /** True when {@code b} starts like a little-endian RIFF/WAVE file. */
  static boolean isRiffWave(byte[] b) {
    return startsWith(b, 0, "RIFF") && startsWith(b, 8, "WAVE");
  }

  /**
   * Names a non-WAV container that ffmpeg can decode, e.g. "MP3" or "Ogg", or empty when the bytes
   * look like no known audio container.
   */
  static Optional<String> otherContainer(byte[] b) {
    if (startsWith(b, 0, "RIFF") && !startsWith(b, 8, "WAVE")) {
      return Optional.empty();
    }
    if (startsWith(b, 0, "RF64") || startsWith(b, 0, "BW64")) {
      return Optional.of("RF64 WAV");
    }
    if (startsWith(b, 0, "RIFX")) {
      return Optional.of("big-endian RIFX WAV");
    }
    if (startsWith(b, 0, "ID3")
        || (b.length >= 4 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xE6) == 0xE2 && (b[2] & 0xF0) != 0xF0)) {
      return Optional.of("MP3");
    }
    if (startsWith(b, 0, "OggS")) {
      return Optional.of("Ogg");
    }
    if (startsWith(b, 0, "fLaC")) {
      return Optional.of("FLAC");
    }
    if (startsWith(b, 0, "FORM") && (startsWith(b, 8, "AIFF") || startsWith(b, 8, "AIFC"))) {
      return Optional.of("AIFF");
    }
    if (startsWith(b, 0, ".snd")) {
      return Optional.of("Sun AU");
    }
    if (startsWith(b, 0, "#!AMR")) {
      return Optional.of("AMR");
    }
    if (startsWith(b, 4, "ftyp")) {
      return Optional.of("MP4/M4A");
    }
    if (startsWith(b, 0, "caff")) {
      return Optional.of("CAF");
    }
    if (b.length >= 4 && (b[0] & 0xFF) == 0x1A && (b[1] & 0xFF) == 0x45 && (b[2] & 0xFF) == 0xDF
        && (b[3] & 0xFF) == 0xA3) {
      return Optional.of("Matroska/WebM");
    }
    if (b.length >= 4 && (b[0] & 0xFF) == 0x30 && (b[1] & 0xFF) == 0x26 && (b[2] & 0xFF) == 0xB2
        && (b[3] & 0xFF) == 0x75) {
      return Optional.of("ASF/WMA");
    }
    return Optional.empty();
  }

  /** The first bytes as hex, for error messages. */
  static String head(byte[] b) {
    StringBuilder sb = new StringBuilder("first bytes");
    for (int i = 0; i < Math.min(8, b.length); i++) {
      sb.append(String.format(" %02x", b[i] & 0xFF));
    }
    return sb.toString();
  }

  private static boolean startsWith(byte[] b, int offset, String magic) {
    byte[] m = magic.getBytes(StandardCharsets.US_ASCII);
    if (b.length < offset + m.length) {
      return false;
    }
    for (int i = 0; i < m.length; i++) {
      if (b[offset + i] != m[i]) {
        return false;
      }
    }
    return true;
  }
}

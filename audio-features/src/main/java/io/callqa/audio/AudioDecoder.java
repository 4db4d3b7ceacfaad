package io.callqa.audio;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * Decodes call recordings into float samples.
 *
 * <p>WAV files (RIFF, including WAVE_FORMAT_EXTENSIBLE) with PCM 8/16/24/32-bit, 32/64-bit float,
 * G.711 mu-law and A-law, any rate in 1000..384000 Hz and any channel count are decoded natively.
 * Other containers (MP3, Ogg, FLAC, AIFF, GSM-in-WAV, ADPCM-in-WAV, ...) are decoded through
 * {@code ffmpeg} when it is on the PATH, otherwise they fail with
 * {@link AudioException.Kind#FFMPEG_MISSING} naming the detected format.
 *
 * <p>Truncation policy: see {@link WavReader}: a data chunk cut short (recorder killed mid-call)
 * decodes the complete frames present; a file cut inside its header or before the first complete
 * frame fails with {@link AudioException.Kind#TRUNCATED}.
 *
 * <p>The whole stream is read into memory (recordings up to 2 GB). Thread-safe: no shared state.
 */
public final class AudioDecoder {

  private AudioDecoder() {}

  /**
   * Decodes one recording.
   *
   * @param in the recording's bytes; read to the end but not closed (the caller owns it)
   * @param name the recording's name, only used in error messages
   * @throws AudioException when the bytes are not decodable audio; never an unchecked exception for
   *     bad input
   */
  public static DecodedAudio decode(InputStream in, String name) throws AudioException {
    return decode(in, name, FfmpegDecoder.fromPath());
  }

  /** As {@link #decode(InputStream, String)} with an explicit ffmpeg (tests simulate its absence). */
  static DecodedAudio decode(InputStream in, String name, FfmpegDecoder ffmpeg) throws AudioException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(name, "name");
    byte[] bytes;
    try {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw AudioException.io(name, "reading the recording", e);
    }
    if (bytes.length == 0) {
      throw AudioException.notAudio(name, "the file is empty, 0 bytes");
    }
    if (ContainerSniffer.isRiffWave(bytes)) {
      return WavReader.read(bytes, name, ffmpeg);
    }
    Optional<String> other = ContainerSniffer.otherContainer(bytes);
    if (other.isPresent()) {
      return ffmpeg.decode(bytes, name, other.get());
    }
    if (bytes.length < 12) {
      throw AudioException.notAudio(name, "only " + bytes.length + " bytes, " + ContainerSniffer.head(bytes));
    }
    throw AudioException.notAudio(name, "no known audio header, " + ContainerSniffer.head(bytes));
  }
}

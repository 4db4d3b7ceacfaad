package io.callqa.audio;

/**
 * The one checked error of this module: a recording that cannot be decoded.
 *
 * <p>Instances are only built by the factory methods below, so that every message says which file is
 * affected, what is wrong and what the user can do about it. {@link #kind()} lets callers group
 * failures without parsing messages.
 */
public final class AudioException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Broad category of the failure. */
  public enum Kind {
    NOT_AUDIO,
    UNSUPPORTED_ENCODING,
    TRUNCATED,
    BAD_HEADER,
    EMPTY,
    FFMPEG_MISSING,
    FFMPEG_FAILED,
    IO
  }

  private final Kind kind;
  private final String name;

  private AudioException(Kind kind, String name, String message, Throwable cause) {
    super(name + ": " + message, cause);
    this.kind = kind;
    this.name = name;
  }

  /** Category of the failure. */
  public Kind kind() {
    return kind;
  }

  /** The recording name given to the decoder. */
  public String recordingName() {
    return name;
  }

  /** The bytes are not a recognised audio container (zero bytes, random bytes, a text file, ...). */
  public static AudioException notAudio(String name, String detail) {
    return new AudioException(Kind.NOT_AUDIO, name,
        "not an audio file (" + detail + "). Expected a WAV (RIFF) file or a container ffmpeg can read "
            + "(MP3, OGG, FLAC, ...); check that the right file was copied and that the copy is complete.",
        null);
  }

  /** The WAV format tag names a codec this module does not know at all. */
  public static AudioException unsupportedEncoding(String name, int formatTag) {
    return new AudioException(Kind.UNSUPPORTED_ENCODING, name,
        String.format("unsupported WAV encoding (format tag 0x%04X). Supported natively: PCM 8/16/24/32-bit,"
            + " 32/64-bit float, G.711 mu-law and A-law; convert the file, e.g."
            + " 'ffmpeg -i in.wav -c:a pcm_s16le out.wav'.", formatTag),
        null);
  }

  /** The WAV encoding is known but its parameters are not supported (e.g. 12-bit float). */
  public static AudioException unsupportedEncoding(String name, String detail) {
    return new AudioException(Kind.UNSUPPORTED_ENCODING, name,
        "unsupported WAV encoding (" + detail + "); convert the file, e.g."
            + " 'ffmpeg -i in.wav -c:a pcm_s16le out.wav'.",
        null);
  }

  /** The file ends before the header is complete or before one complete sample frame. */
  public static AudioException truncated(String name, String detail, long fileBytes) {
    return new AudioException(Kind.TRUNCATED, name,
        "file is truncated (" + detail + "; the file has " + fileBytes + " bytes). The recording was"
            + " probably cut off while being written or copied; copy it again from the recorder.",
        null);
  }

  /**
   * The WAV header announces a finite data size but the file ends before it, after at least one complete
   * frame: a recording copied before the recorder finished writing it. Raised only when salvaging is off
   * (see {@link AudioDecoder#decode(java.io.InputStream, String, boolean)}); a header whose size was never
   * filled in (0 or 0xFFFFFFFF) is not truncated.
   *
   * @param claimedFrames frames the header announces
   * @param presentFrames complete frames the file actually holds
   * @param sampleRate in Hz, to state both lengths in seconds
   */
  public static AudioException truncatedData(String name, long claimedFrames, long presentFrames, int sampleRate) {
    String present = seconds(presentFrames, sampleRate);
    return new AudioException(Kind.TRUNCATED, name,
        "the recording is cut off: the header announces " + seconds(claimedFrames, sampleRate) + ", only "
            + present + " are present (" + presentFrames + " of " + claimedFrames + " frames) \u2014 the file"
            + " was probably copied before the recorder finished. To fix it, re-export or re-copy it;"
            + " to analyse the " + present + " that are there, enable salvaging of truncated recordings"
            + " (callqa ingest --salvage-truncated).",
        null);
  }

  private static String seconds(long frames, int sampleRate) {
    return String.format(java.util.Locale.ROOT, "%.2f s", frames / (double) Math.max(1, sampleRate));
  }

  /** The header contradicts itself or holds impossible values (0 channels, absurd sample rate, ...). */
  public static AudioException badHeader(String name, String detail) {
    return new AudioException(Kind.BAD_HEADER, name,
        "invalid WAV header (" + detail + "). The file is corrupt or was written by a faulty recorder;"
            + " re-export it from the recording system.",
        null);
  }

  /** The file is well formed but holds no audio frames. */
  public static AudioException empty(String name, String encoding) {
    return new AudioException(Kind.EMPTY, name,
        "recording contains no audio (" + encoding + ", 0 frames); check the recorder for this call.",
        null);
  }

  /** The format needs ffmpeg, which is not on the PATH. */
  public static AudioException ffmpegMissing(String name, String format) {
    return new AudioException(Kind.FFMPEG_MISSING, name,
        format + " can only be decoded through ffmpeg, which was not found on the PATH. Install ffmpeg"
            + " (e.g. 'apt-get install ffmpeg') or convert the file to WAV (PCM or G.711).",
        null);
  }

  /** ffmpeg ran but could not decode the file. */
  public static AudioException ffmpegFailed(String name, String format, String detail) {
    return new AudioException(Kind.FFMPEG_FAILED, name,
        "ffmpeg could not decode this " + format + " file (" + detail + "). The file is probably"
            + " corrupt; try 'ffmpeg -v error -i <file> -f null -' to see the problem.",
        null);
  }

  /** Reading the input (or spooling it for ffmpeg) failed. */
  public static AudioException io(String name, String what, java.io.IOException cause) {
    return new AudioException(Kind.IO, name,
        "I/O error while " + what + ": " + cause.getMessage() + ". Check that the file is readable and"
            + " that the temporary directory has free space.",
        cause);
  }
}

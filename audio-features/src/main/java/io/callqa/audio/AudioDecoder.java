package io.callqa.audio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decodes call recordings into float samples, either as a stream of blocks ({@link #open}, memory
 * independent of the recording's length) or all at once ({@link #decode}).
 *
 * <p>WAV files (RIFF, including WAVE_FORMAT_EXTENSIBLE) with PCM 8/16/24/32-bit, 32/64-bit float,
 * G.711 mu-law and A-law, any rate in 1000..384000 Hz and any channel count are decoded natively.
 * Other containers (MP3, Ogg, FLAC, AIFF, GSM-in-WAV, ADPCM-in-WAV, ...) are decoded through
 * {@code ffmpeg} when it is on the PATH, otherwise they fail with
 * {@link AudioException.Kind#FFMPEG_MISSING} naming the detected format.
 *
 * <p>Truncation policy (see {@link WavReader}):
 * <ul>
 *   <li>a WAV whose header announces a data size (finite, i.e. not 0 or 0xFFFFFFFF) larger than the
 *       complete frames the file holds - typically copied before the recorder finished - fails by
 *       default with {@link AudioException#truncatedData} ({@link AudioException.Kind#TRUNCATED}),
 *       whose message states the announced and present lengths and how to salvage them. Passing
 *       {@code salvageTruncated = true} ({@link #decode(InputStream, String, boolean)},
 *       {@link #open(InputStream, String, boolean)}, {@link #open(Path, boolean)}) decodes the complete
 *       frames present instead;
 *   <li>a WAV whose data size was never filled in (0 or 0xFFFFFFFF, as live recorders leave it) is
 *       read to the end of the file in both modes, never an error;
 *   <li>a file cut inside its header or before the first complete frame fails with
 *       {@link AudioException.Kind#TRUNCATED} in both modes (there is nothing to salvage).
 * </ul>
 * Recordings decoded through ffmpeg are read as far as ffmpeg decodes them in both modes.
 *
 * <p>Bad input is always an {@link AudioException}, never an unchecked exception. Thread-safe: no
 * shared state.
 */
public final class AudioDecoder {

  /** Bytes looked at to recognise the container. */
  private static final int SNIFF_BYTES = 64;
  /** Frames per block when collecting a whole recording. */
  private static final int COLLECT_FRAMES = 1 << 16;

  private AudioDecoder() {}

  /**
   * Opens one recording for streaming decode, failing on a truncated data chunk: as
   * {@link #open(InputStream, String, boolean) open(in, name, false)}.
   */
  public static AudioStream open(InputStream in, String name) throws AudioException {
    return open(in, name, false);
  }

  /**
   * Opens one recording for streaming decode. Header errors, and a file without one complete frame,
   * are thrown here. Later reads fail on I/O or ffmpeg errors and, unless {@code salvageTruncated},
   * on a WAV data chunk cut short: {@link AudioStream#read} first returns every complete frame present,
   * then throws {@link AudioException#truncatedData} where it would have returned -1 (so a consumer
   * that reads to the end, such as {@link AudioFeatures#extract(AudioStream, FeatureOptions)}, always
   * sees it).
   *
   * @param in the recording's bytes, read lazily by the returned stream (or, for formats decoded by
   *     ffmpeg, copied to a temporary file before this returns); not closed: the caller closes it after
   *     closing the stream
   * @param name the recording's name, only used in error messages
   * @param salvageTruncated true to decode the complete frames present of a WAV whose header announces
   *     more data than the file holds, ending normally; false to fail on it. A header whose data size was
   *     never filled in (0 or 0xFFFFFFFF) is not truncated in either mode.
   * @throws AudioException when the bytes are not decodable audio
   */
  public static AudioStream open(InputStream in, String name, boolean salvageTruncated) throws AudioException {
    return open(in, name, FfmpegDecoder.fromPath(), salvageTruncated);
  }

  /**
   * Opens a recording file for streaming decode, failing on a truncated data chunk: as
   * {@link #open(Path, boolean) open(file, false)}.
   */
  public static AudioStream open(Path file) throws AudioException {
    return open(file, false);
  }

  /**
   * Opens a recording file for streaming decode; closing the stream closes the file. Truncation is
   * handled as in {@link #open(InputStream, String, boolean)}.
   *
   * @throws AudioException when the file cannot be read or is not decodable audio
   */
  public static AudioStream open(Path file, boolean salvageTruncated) throws AudioException {
    String name = file.toString();
    InputStream in;
    try {
      in = Files.newInputStream(file);
    } catch (IOException e) {
      throw AudioException.io(name, "opening the recording", e);
    }
    AudioStream s;
    try {
      s = open(in, name, salvageTruncated);
    } catch (AudioException | RuntimeException e) {
      closeQuietly(in);
      throw e;
    }
    return new AudioStream() {
      @Override
      public AudioInfo info() {
        return s.info();
      }

      @Override
      public int read(float[][] block) throws AudioException {
        return s.read(block);
      }

      @Override
      public long framesRead() {
        return s.framesRead();
      }

      @Override
      public void close() {
        s.close();
        closeQuietly(in);
      }
    };
  }

  /** As {@link #open(InputStream, String)} with an explicit ffmpeg (tests simulate its absence). */
  static AudioStream open(InputStream in, String name, FfmpegDecoder ffmpeg) throws AudioException {
    return open(in, name, ffmpeg, false);
  }

  /** As {@link #open(InputStream, String, boolean)} with an explicit ffmpeg. */
  static AudioStream open(InputStream in, String name, FfmpegDecoder ffmpeg, boolean salvageTruncated)
      throws AudioException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(name, "name");
    byte[] head;
    try {
      head = in.readNBytes(SNIFF_BYTES);
    } catch (IOException e) {
      throw AudioException.io(name, "reading the recording", e);
    }
    if (head.length == 0) {
      throw AudioException.notAudio(name, "the file is empty, 0 bytes");
    }
    InputStream whole = new SequenceInputStream(new ByteArrayInputStream(head), in);
    if (ContainerSniffer.isRiffWave(head)) {
      return WavReader.open(whole, name, ffmpeg, salvageTruncated);
    }
    Optional<String> other = ContainerSniffer.otherContainer(head);
    if (other.isPresent()) {
      return ffmpeg.open(whole, name, other.get());
    }
    if (head.length < 12) {
      throw AudioException.notAudio(name, "only " + head.length + " bytes, " + ContainerSniffer.head(head));
    }
    throw AudioException.notAudio(name, "no known audio header, " + ContainerSniffer.head(head));
  }

  /**
   * Decodes one recording into memory, failing on a truncated data chunk: as
   * {@link #decode(InputStream, String, boolean) decode(in, name, false)}.
   */
  public static DecodedAudio decode(InputStream in, String name) throws AudioException {
    return decode(in, name, false);
  }

  /**
   * Decodes one recording into memory (4 bytes per sample; see {@link #open} for long recordings).
   *
   * @param in the recording's bytes; read to the end but not closed (the caller owns it)
   * @param name the recording's name, only used in error messages
   * @param salvageTruncated true to return the complete frames present of a WAV whose header announces
   *     more data than the file holds (the result's {@code info().frames()} is then the frames present);
   *     false to throw {@link AudioException#truncatedData} for it. A header whose data size was never
   *     filled in (0 or 0xFFFFFFFF) is not truncated in either mode.
   * @throws AudioException when the bytes are not decodable audio, or are truncated and
   *     {@code salvageTruncated} is false; never an unchecked exception for bad input
   */
  public static DecodedAudio decode(InputStream in, String name, boolean salvageTruncated) throws AudioException {
    return decode(in, name, FfmpegDecoder.fromPath(), salvageTruncated);
  }

  /** As {@link #decode(InputStream, String)} with an explicit ffmpeg (tests simulate its absence). */
  static DecodedAudio decode(InputStream in, String name, FfmpegDecoder ffmpeg) throws AudioException {
    return decode(in, name, ffmpeg, false);
  }

  /** As {@link #decode(InputStream, String, boolean)} with an explicit ffmpeg. */
  static DecodedAudio decode(InputStream in, String name, FfmpegDecoder ffmpeg, boolean salvageTruncated)
      throws AudioException {
    try (AudioStream s = open(in, name, ffmpeg, salvageTruncated)) {
      return readAll(s);
    }
  }

  /** Reads a stream to its end into memory; the result's {@code info().frames()} is the frames read. */
  static DecodedAudio readAll(AudioStream s) throws AudioException {
    int channels = s.info().channels();
    List<float[][]> blocks = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    long total = 0;
    while (true) {
      float[][] block = new float[channels][COLLECT_FRAMES];
      int n = s.read(block);
      if (n <= 0) {
        break;
      }
      blocks.add(block);
      sizes.add(n);
      total += n;
      if (total > Integer.MAX_VALUE - COLLECT_FRAMES) {
        throw new IllegalStateException(s.info() + " is too long to hold in memory; use AudioDecoder.open");
      }
    }
    float[][] out = new float[channels][(int) total];
    int at = 0;
    for (int b = 0; b < blocks.size(); b++) {
      float[][] block = blocks.get(b);
      blocks.set(b, null);
      for (int c = 0; c < channels; c++) {
        System.arraycopy(block[c], 0, out[c], at, sizes.get(b));
      }
      at += sizes.get(b);
    }
    AudioInfo i = s.info();
    return new DecodedAudio(new AudioInfo(i.encoding(), i.sampleRate(), i.channels(), i.bitsPerSample(), total), out);
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // closing a file we only read: nothing was lost
    }
  }
}

package io.callqa.audio;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Reads a little-endian RIFF/WAVE file as a stream: the header is parsed chunk by chunk up to the data
 * chunk, whose samples are then decoded block by block ({@link WavStream}); nothing is held beyond one
 * block.
 *
 * <p>Truncation policy:
 * <ul>
 *   <li>a data chunk whose size was never filled in (0 or 0xFFFFFFFF, as live recorders leave it) is
 *       read to the end of the file; never an error;
 *   <li>a data chunk whose (finite) size field claims more complete frames than the file holds (a file
 *       copied before the recorder finished) is, by default, an {@link AudioException#truncatedData}
 *       error thrown by {@link AudioStream#read} once the end of the file is reached, after the frames
 *       present have been returned; with {@code salvageTruncated} it decodes the complete frames
 *       present and ends normally;
 *   <li>a file that ends inside the header, or before one complete frame of audio, is an
 *       {@link AudioException.Kind#TRUNCATED} error raised when the stream is opened, in both modes.
 * </ul>
 * Trailing partial frames are dropped. Compressed codecs (GSM, ADPCM, ...) are handed, with the bytes
 * already read, to ffmpeg.
 */
final class WavReader {

  static final int MIN_RATE = 1000;
  static final int MAX_RATE = 384_000;
  /** A fmt chunk is 16..40 bytes in practice; larger ones are rejected rather than buffered. */
  private static final long MAX_FMT_BYTES = 1 << 16;

  private static final int TAG_PCM = 0x0001;
  private static final int TAG_FLOAT = 0x0003;
  private static final int TAG_ALAW = 0x0006;
  private static final int TAG_MULAW = 0x0007;
  private static final int TAG_EXTENSIBLE = 0xFFFE;

  /** Compressed WAV codecs that ffmpeg decodes, by format tag. */
  private static final Map<Integer, String> FFMPEG_TAGS = Map.ofEntries(
      Map.entry(0x0002, "MS ADPCM"),
      Map.entry(0x0011, "IMA ADPCM"),
      Map.entry(0x0014, "G.723 ADPCM"),
      Map.entry(0x0022, "TrueSpeech"),
      Map.entry(0x0031, "GSM 6.10"),
      Map.entry(0x0040, "G.721 ADPCM"),
      Map.entry(0x0045, "G.726 ADPCM"),
      Map.entry(0x0050, "MPEG audio"),
      Map.entry(0x0055, "MP3"),
      Map.entry(0x0064, "G.726 ADPCM"),
      Map.entry(0x00FF, "AAC"),
      Map.entry(0x1610, "AAC"));

  /** Parsed "fmt " chunk. */
  private record Format(int tag, int channels, int sampleRate, int blockAlign, int bitsPerSample) {}

  private final InputStream in;
  private final String name;
  /** Decode the frames present of a data chunk cut short instead of failing. */
  private final boolean salvageTruncated;
  /** Bytes read so far (for messages). */
  private long consumed;
  /** Every byte read while the codec is unknown, to hand to ffmpeg; null once it is native. */
  private ByteArrayOutputStream recorded = new ByteArrayOutputStream();

  private WavReader(InputStream in, String name, boolean salvageTruncated) {
    this.in = in;
    this.name = name;
    this.salvageTruncated = salvageTruncated;
  }

  /**
   * Opens {@code in} (which must start with RIFF....WAVE), handing compressed codecs to {@code ffmpeg}.
   * Does not close {@code in}. With {@code salvageTruncated} false, a data chunk cut short makes
   * {@link AudioStream#read} throw {@link AudioException#truncatedData} at the end of the file.
   */
  static AudioStream open(InputStream in, String name, FfmpegDecoder ffmpeg, boolean salvageTruncated)
      throws AudioException {
    try {
      return new WavReader(in, name, salvageTruncated).open(ffmpeg);
    } catch (IOException e) {
      throw AudioException.io(name, "reading the recording", e);
    }
  }

  private AudioStream open(FfmpegDecoder ffmpeg) throws AudioException, IOException {
    read(12);   // RIFF, size, WAVE: checked by the caller
    Format fmt = null;
    while (true) {
      byte[] h = read(8);
      if (h.length < 8) {
        throw AudioException.truncated(name, fmt == null ? "no fmt chunk found before the end of the file"
            : "no data chunk found before the end of the file", consumed);
      }
      String id = new String(h, 0, 4, StandardCharsets.US_ASCII);
      long size = u32(h, 4);
      if (id.equals("fmt ")) {
        if (size < 16) {
          throw AudioException.badHeader(name, "fmt chunk is " + size + " bytes, at least 16 needed");
        }
        if (size > MAX_FMT_BYTES) {
          throw AudioException.badHeader(name, "fmt chunk is " + size + " bytes, at most " + MAX_FMT_BYTES
              + " expected");
        }
        byte[] body = read((int) size);
        if (body.length < size) {
          throw AudioException.truncated(name, "the fmt chunk claims " + size + " bytes but only "
              + body.length + " follow", consumed);
        }
        fmt = parseFormat(body, size);
        SampleFormat sf = sampleFormat(fmt);
        if (sf == null) {
          String codec = FFMPEG_TAGS.get(fmt.tag());
          if (codec == null) {
            throw AudioException.unsupportedEncoding(name, fmt.tag());
          }
          InputStream whole = new SequenceInputStream(new ByteArrayInputStream(recorded.toByteArray()), in);
          return ffmpeg.open(whole, name, String.format("%s in WAV (format tag 0x%04X)", codec, fmt.tag()));
        }
        recorded = null;
        skip(size & 1);
      } else if (id.equals("data")) {
        if (fmt == null) {
          throw AudioException.badHeader(name, "data chunk comes before the fmt chunk");
        }
        return dataStream(fmt, sampleFormat(fmt), size);
      } else {
        skip(size + (size & 1));
      }
    }
  }

  private Format parseFormat(byte[] b, long size) throws AudioException {
    int tag = u16(b, 0);
    int channels = u16(b, 2);
    long rate = u32(b, 4);
    int blockAlign = u16(b, 12);
    int bits = u16(b, 14);
    if (tag == TAG_EXTENSIBLE) {
      if (size < 40 || u16(b, 16) < 22) {
        throw AudioException.badHeader(name, "WAVE_FORMAT_EXTENSIBLE fmt chunk without its 22-byte extension");
      }
      tag = u16(b, 24);
    }
    if (channels == 0) {
      throw AudioException.badHeader(name, "0 channels");
    }
    if (rate < MIN_RATE || rate > MAX_RATE) {
      throw AudioException.badHeader(name, "sample rate " + rate + " Hz is outside " + MIN_RATE + ".."
          + MAX_RATE + " Hz");
    }
    return new Format(tag, channels, (int) rate, blockAlign, bits);
  }

  private AudioStream dataStream(Format fmt, SampleFormat sf, long declared) throws AudioException, IOException {
    int frameBytes = sf.bytesPerSample() * fmt.channels();
    if (fmt.blockAlign() != frameBytes) {
      throw AudioException.badHeader(name, "block align " + fmt.blockAlign() + " does not match "
          + fmt.channels() + " channels of " + sf.encodingName() + " (" + frameBytes + " bytes)");
    }
    boolean unfinalised = declared == 0 || declared == 0xFFFFFFFFL;
    long limit = unfinalised ? Long.MAX_VALUE : declared;
    byte[] first = read((int) Math.min(frameBytes, limit));
    if (first.length < frameBytes) {
      if (declared == 0) {
        throw AudioException.empty(name, sf.encodingName());
      }
      throw AudioException.truncated(name, "the data chunk claims " + declared + " bytes but holds "
          + first.length + ", less than one " + frameBytes + "-byte frame", consumed);
    }
    AudioInfo info = new AudioInfo(sf.encodingName(), fmt.sampleRate(), fmt.channels(), sf.bytesPerSample() * 8,
        unfinalised ? -1 : declared / frameBytes);
    return new WavStream(in, name, info, sf, first, limit, !unfinalised && !salvageTruncated);
  }

  /** Reads up to n bytes (fewer only at the end of the input). */
  private byte[] read(int n) throws IOException {
    byte[] b = in.readNBytes(n);
    consumed += b.length;
    if (recorded != null) {
      recorded.write(b);
    }
    return b;
  }

  private void skip(long n) throws IOException {
    while (n > 0) {
      byte[] b = read((int) Math.min(n, 8192));
      if (b.length == 0) {
        return;
      }
      n -= b.length;
    }
  }

  private SampleFormat sampleFormat(Format fmt) throws AudioException {
    int bits = fmt.bitsPerSample();
    switch (fmt.tag()) {
      case TAG_PCM:
        if (bits >= 1 && bits <= 8) {
          return SampleFormat.PCM_U8;
        } else if (bits <= 16) {
          return SampleFormat.PCM_S16LE;
        } else if (bits <= 24) {
          return SampleFormat.PCM_S24LE;
        } else if (bits <= 32) {
          return SampleFormat.PCM_S32LE;
        }
        throw AudioException.unsupportedEncoding(name, "integer PCM with " + bits + " bits per sample");
      case TAG_FLOAT:
        if (bits == 32) {
          return SampleFormat.PCM_F32LE;
        } else if (bits == 64) {
          return SampleFormat.PCM_F64LE;
        }
        throw AudioException.unsupportedEncoding(name, "float PCM with " + bits + " bits per sample");
      case TAG_MULAW:
      case TAG_ALAW:
        if (bits != 8) {
          throw AudioException.unsupportedEncoding(name, "G.711 with " + bits + " bits per sample");
        }
        return fmt.tag() == TAG_MULAW ? SampleFormat.MULAW : SampleFormat.ALAW;
      default:
        return null;
    }
  }

  private static int u16(byte[] b, int p) {
    return (b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8);
  }

  private static long u32(byte[] b, int p) {
    return (u16(b, p) | ((long) u16(b, p + 2) << 16)) & 0xFFFFFFFFL;
  }

  /** The data chunk of a natively decoded WAV, read block by block. */
  private static final class WavStream implements AudioStream {

    private final InputStream in;
    private final String name;
    private final AudioInfo info;
    private final SampleFormat format;
    private final int frameBytes;
    /** Fail when the file ends before the data chunk's announced size. */
    private final boolean strict;
    private byte[] pending;   // the first frame, read when opening
    private long remaining;   // bytes of the data chunk not yet decoded
    private byte[] buffer = new byte[0];
    private long framesRead;
    private boolean ended;
    /** The file ended before the data chunk's announced end (only recorded when strict). */
    private boolean truncated;

    WavStream(InputStream in, String name, AudioInfo info, SampleFormat format, byte[] first, long limit,
        boolean strict) {
      this.in = in;
      this.name = name;
      this.info = info;
      this.format = format;
      this.frameBytes = first.length;
      this.pending = first;
      this.remaining = limit;
      this.strict = strict;
    }

    @Override
    public AudioInfo info() {
      return info;
    }

    @Override
    public int read(float[][] block) throws AudioException {
      AudioStream.checkBlock(block, info.channels());
      if (truncated) {
        throw truncation();
      }
      if (ended) {
        return -1;
      }
      int want = (int) Math.min(block[0].length, remaining / frameBytes);
      int bytes = want * frameBytes;
      if (buffer.length < bytes) {
        buffer = new byte[bytes];
      }
      int got = 0;
      if (pending != null && bytes > 0) {
        System.arraycopy(pending, 0, buffer, 0, frameBytes);
        got = frameBytes;
        pending = null;
      }
      try {
        got += in.readNBytes(buffer, got, bytes - got);
      } catch (IOException e) {
        throw AudioException.io(name, "reading the recording", e);
      }
      int frames = got / frameBytes;
      if (got < bytes || frames == 0) {
        ended = true;   // end of the file (a trailing partial frame is dropped) or of the data chunk
        // bytes never exceeds the announced size: a short read is a file cut before its announced end
        truncated = strict && got < bytes;
      }
      if (frames == 0) {
        if (truncated) {
          throw truncation();
        }
        return -1;
      }
      format.decodeInto(buffer, 0, frames, info.channels(), block, 0);
      remaining -= (long) frames * frameBytes;
      framesRead += frames;
      return frames;
    }

    /** The error for a file cut short; the frames before the cut have all been returned. */
    private AudioException truncation() {
      return AudioException.truncatedData(name, info.frames(), framesRead, info.sampleRate());
    }

    @Override
    public long framesRead() {
      return framesRead;
    }

    @Override
    public void close() {
      ended = true;
      truncated = false;
      buffer = new byte[0];
    }
  }
}

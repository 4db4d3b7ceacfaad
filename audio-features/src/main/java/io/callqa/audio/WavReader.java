package io.callqa.audio;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Parses a little-endian RIFF/WAVE file held in memory.
 *
 * <p>Truncation policy: a data chunk whose size field claims more bytes than the file holds (a
 * recorder killed mid-call), or whose size was never filled in (0 or 0xFFFFFFFF), is decoded up to
 * the last complete sample frame present; {@link AudioInfo#frames()} reports what was decoded. A file
 * that ends inside the header, or before one complete frame of audio, is an
 * {@link AudioException.Kind#TRUNCATED} error. Trailing partial frames are dropped.
 */
final class WavReader {

  static final int MIN_RATE = 1000;
  static final int MAX_RATE = 384_000;

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

  private final byte[] b;
  private final String name;

  private WavReader(byte[] bytes, String name) {
    this.b = bytes;
    this.name = name;
  }

  /**
   * Decodes {@code bytes} (which must start with RIFF....WAVE), handing compressed codecs to
   * {@code ffmpeg}.
   */
  static DecodedAudio read(byte[] bytes, String name, FfmpegDecoder ffmpeg) throws AudioException {
    return new WavReader(bytes, name).read(ffmpeg);
  }

  private DecodedAudio read(FfmpegDecoder ffmpeg) throws AudioException {
    Format fmt = null;
    long pos = 12;
    while (pos + 8 <= b.length) {
      String id = new String(b, (int) pos, 4, StandardCharsets.US_ASCII);
      long size = u32(pos + 4);
      long body = pos + 8;
      if (id.equals("fmt ")) {
        if (size < 16) {
          throw AudioException.badHeader(name, "fmt chunk is " + size + " bytes, at least 16 needed");
        }
        if (body + size > b.length) {
          throw AudioException.truncated(name, "the fmt chunk claims " + size + " bytes but only "
              + (b.length - body) + " follow", b.length);
        }
        fmt = parseFormat(body, size);
      } else if (id.equals("data")) {
        if (fmt == null) {
          throw AudioException.badHeader(name, "data chunk comes before the fmt chunk");
        }
        return decodeData(fmt, body, size, ffmpeg);
      }
      pos = body + size + (size & 1);
    }
    if (fmt == null) {
      throw AudioException.truncated(name, "no fmt chunk found before the end of the file", b.length);
    }
    throw AudioException.truncated(name, "no data chunk found before the end of the file", b.length);
  }

  private Format parseFormat(long at, long size) throws AudioException {
    int tag = u16(at);
    int channels = u16(at + 2);
    long rate = u32(at + 4);
    int blockAlign = u16(at + 12);
    int bits = u16(at + 14);
    if (tag == TAG_EXTENSIBLE) {
      if (size < 40 || u16(at + 16) < 22) {
        throw AudioException.badHeader(name, "WAVE_FORMAT_EXTENSIBLE fmt chunk without its 22-byte extension");
      }
      tag = u16(at + 24);
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

  private DecodedAudio decodeData(Format fmt, long start, long declared, FfmpegDecoder ffmpeg)
      throws AudioException {
    SampleFormat sf = sampleFormat(fmt);
    if (sf == null) {
      String codec = FFMPEG_TAGS.get(fmt.tag());
      if (codec == null) {
        throw AudioException.unsupportedEncoding(name, fmt.tag());
      }
      return ffmpeg.decode(b, name, String.format("%s in WAV (format tag 0x%04X)", codec, fmt.tag()));
    }
    int frameBytes = sf.bytesPerSample() * fmt.channels();
    if (fmt.blockAlign() != frameBytes) {
      throw AudioException.badHeader(name, "block align " + fmt.blockAlign() + " does not match "
          + fmt.channels() + " channels of " + sf.encodingName() + " (" + frameBytes + " bytes)");
    }
    long available = b.length - start;
    boolean unfinalised = declared == 0 || declared == 0xFFFFFFFFL;
    long bytes = unfinalised ? available : Math.min(declared, available);
    long frames = bytes / frameBytes;
    if (frames == 0) {
      if (declared == 0 && available < frameBytes) {
        throw AudioException.empty(name, sf.encodingName());
      }
      throw AudioException.truncated(name, "the data chunk claims " + declared + " bytes but holds "
          + available + ", less than one " + frameBytes + "-byte frame", b.length);
    }
    float[][] channels = sf.decode(b, (int) start, (int) frames, fmt.channels());
    AudioInfo info = new AudioInfo(sf.encodingName(), fmt.sampleRate(), fmt.channels(),
        sf.bytesPerSample() * 8, frames);
    return new DecodedAudio(info, channels);
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

  private int u16(long p) {
    return (b[(int) p] & 0xFF) | ((b[(int) p + 1] & 0xFF) << 8);
  }

  private long u32(long p) {
    return (u16(p) | ((long) u16(p + 2) << 16)) & 0xFFFFFFFFL;
  }
}

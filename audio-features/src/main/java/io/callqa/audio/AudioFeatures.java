package io.callqa.audio;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Per-channel audio features: loudness envelope, speech segments, tones, clipping and 1-second
 * loudness.
 *
 * <p>Levels are dBFS = 20 log10(RMS) with full scale = 1.0, so a sine with RMS 0.1 (amplitude 0.141)
 * is -20 dBFS, a full-scale sine -3 dBFS. The floor of every level is -100 dBFS.
 *
 * <p>Samples are pushed once, in blocks, through two TarsosDSP {@link be.tarsos.dsp.AudioProcessor}
 * chains (see {@link ChannelFeatureExtractor}): 10 ms hops through {@link LoudnessProcessor},
 * {@link ClippingDetector} and {@link LoudnessWindowProcessor}, and FFT frames centred on the same
 * hops (64 ms at 8 kHz, a step of two hops) through {@link ToneProcessor}. Segmentation then works on the
 * per-hop series ({@link ToneSegmenter}, {@link VoiceActivityDetector}). Memory grows with the number
 * of hops (about 16 bytes per channel per 10 ms while extracting, 4 bytes in the result), never with the
 * samples. Thread-safe; inputs are not modified or retained.
 */
public final class AudioFeatures {

  /** Envelope step, seconds (rounded to whole samples at the given rate). */
  public static final double HOP_S = 0.010;
  /**
   * Clipping is only reported on a channel whose largest |x| (its ceiling) reaches this fraction of full
   * scale; clipped samples are those at the ceiling (see {@link #CLIP_TOLERANCE}). Relative to the
   * channel because G.711 cannot reach full scale: mu-law decodes to at most 0.980, A-law to 0.984.
   */
  public static final float CLIP_LEVEL = 0.9f;
  /** A sample within this of the channel's ceiling is at the ceiling (about 8 LSB of 16-bit PCM). */
  public static final float CLIP_TOLERANCE = 1f / 4096;
  /** Minimum run of clipped samples. */
  public static final int CLIP_MIN_RUN = 3;
  /** Clipping runs closer than this are merged, seconds. */
  public static final double CLIP_MERGE_GAP_S = 0.2;
  /** Hops per tone-analysis FFT frame step (20 ms: half the FFTs of a per-hop analysis, see ToneSegmenter). */
  static final int TONE_HOPS = 2;
  /** FFT frame length aimed at (rounded up to a power of two), seconds. */
  static final double FFT_FRAME_S = 0.064;
  /** Frames read from an {@link AudioStream} at a time (0.5 s at 8 kHz). */
  static final int BLOCK_FRAMES = 4096;

  private AudioFeatures() {}

  /**
   * Extracts the features of one channel held in memory.
   *
   * @param samples the channel's samples, nominally in [-1, 1]
   * @param sampleRate in Hz, positive
   * @param options tuning, e.g. {@link FeatureOptions#defaults()}
   */
  public static ChannelFeatures extract(float[] samples, int sampleRate, FeatureOptions options) {
    Objects.requireNonNull(samples, "samples");
    ChannelFeatureExtractor extractor = new ChannelFeatureExtractor(sampleRate, options);
    extractor.accept(samples, 0, samples.length);
    return extractor.finish();
  }

  /**
   * Reads {@code stream} to its end and extracts the features of every channel, in bounded memory:
   * samples are processed in blocks of {@value #BLOCK_FRAMES} frames and not kept.
   *
   * @param stream an open stream, e.g. from {@link AudioDecoder#open}; read to the end but not closed
   *     (the caller owns it)
   * @param options tuning, e.g. {@link FeatureOptions#defaults()}
   * @return one {@link ChannelFeatures} per channel, in channel order
   * @throws AudioException when the stream fails while being read (I/O error, ffmpeg failure), including
   *     a recording cut short that was opened without salvaging ({@link AudioException#truncatedData}):
   *     no features are returned for it
   */
  public static List<ChannelFeatures> extract(AudioStream stream, FeatureOptions options) throws AudioException {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(options, "options");
    AudioInfo info = stream.info();
    ChannelFeatureExtractor[] extractors = new ChannelFeatureExtractor[info.channels()];
    for (int c = 0; c < extractors.length; c++) {
      extractors[c] = new ChannelFeatureExtractor(info.sampleRate(), options);
    }
    float[][] block = new float[info.channels()][BLOCK_FRAMES];
    int n;
    while ((n = stream.read(block)) > 0) {
      for (int c = 0; c < extractors.length; c++) {
        extractors[c].accept(block[c], 0, n);
      }
    }
    List<ChannelFeatures> out = new ArrayList<>(extractors.length);
    for (int c = 0; c < extractors.length; c++) {
      out.add(extractors[c].finish());
      extractors[c] = null;   // its per-hop series can go before the next channel is segmented
    }
    return out;
  }
}

package io.callqa.audio;

import be.tarsos.dsp.AudioDispatcher;
import be.tarsos.dsp.AudioProcessor;
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
 * <p>The audio is streamed twice through TarsosDSP {@link AudioDispatcher}s: once in 10 ms hops
 * through {@link LoudnessProcessor} and {@link ClippingDetector}, once in FFT frames centred on the
 * same hops (64 ms at 8 kHz, hop step) through {@link ToneProcessor}. Segmentation then works on the
 * resulting arrays ({@link ToneSegmenter}, {@link VoiceActivityDetector}). Thread-safe; the input array
 * is not modified or retained.
 */
public final class AudioFeatures {

  /** Envelope step, seconds (rounded to whole samples at the given rate). */
  public static final double HOP_S = 0.010;
  /** |x| at or above this counts as clipped. */
  public static final float CLIP_LEVEL = 0.99f;
  /** Minimum run of clipped samples. */
  public static final int CLIP_MIN_RUN = 3;
  /** Clipping runs closer than this are merged, seconds. */
  public static final double CLIP_MERGE_GAP_S = 0.2;
  /** FFT frame length aimed at (rounded up to a power of two), seconds. */
  static final double FFT_FRAME_S = 0.064;

  private AudioFeatures() {}

  /**
   * Extracts the features of one channel.
   *
   * @param samples the channel's samples, nominally in [-1, 1]
   * @param sampleRate in Hz, positive
   * @param options tuning, e.g. {@link FeatureOptions#defaults()}
   */
  public static ChannelFeatures extract(float[] samples, int sampleRate, FeatureOptions options) {
    Objects.requireNonNull(samples, "samples");
    Objects.requireNonNull(options, "options");
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("sampleRate must be positive, got " + sampleRate);
    }
    int hop = Math.max(1, (int) Math.round(HOP_S * sampleRate));
    double hopS = hop / (double) sampleRate;
    if (samples.length == 0) {
      return new ChannelFeatures(hopS, new float[0], List.of(), List.of(), List.of(), List.of());
    }

    LoudnessProcessor loudness = new LoudnessProcessor(hop, samples.length);
    ClippingDetector clipping = new ClippingDetector(CLIP_LEVEL, CLIP_MIN_RUN, samples.length);
    dispatch(new FloatArrayAudioStream(samples, sampleRate, 0), hop, 0, loudness, clipping);
    double[] hopPower = loudness.hopPower();

    int fftSize = Integer.highestOneBit((int) Math.ceil(FFT_FRAME_S * sampleRate) - 1) << 1;
    fftSize = Math.max(fftSize, Integer.highestOneBit(hop) << 1);
    ToneProcessor tone = new ToneProcessor(fftSize, sampleRate);
    dispatch(new FloatArrayAudioStream(samples, sampleRate, Math.max(0, fftSize / 2 - hop / 2)), fftSize,
        fftSize - hop, tone);

    Levels levels = new Levels(samples, sampleRate, hop, hopPower);
    float[] envelope = levels.envelopeDbfs();
    List<HopSpan> toneSpans = ToneSegmenter.find(tone.peakiness(), tone.peakBins(), envelope, options, hopS);
    boolean[] tonal = new boolean[hopPower.length];
    for (HopSpan s : toneSpans) {
      for (int k = s.from(); k < Math.min(s.to(), tonal.length); k++) {
        tonal[k] = true;
      }
    }
    List<HopSpan> speechSpans = VoiceActivityDetector.detect(hopPower, tonal, options, hopS);

    return new ChannelFeatures(hopS, envelope, measure(levels, speechSpans), measure(levels, toneSpans),
        clippingSegments(levels, clipping.runs(), sampleRate), levels.loudness1s());
  }

  private static void dispatch(FloatArrayAudioStream stream, int size, int overlap, AudioProcessor... processors) {
    AudioDispatcher dispatcher = new AudioDispatcher(stream, size, overlap);
    dispatcher.setZeroPadLastBuffer(true);
    for (AudioProcessor p : processors) {
      dispatcher.addAudioProcessor(p);
    }
    dispatcher.run();
  }

  private static List<Segment> measure(Levels levels, List<HopSpan> spans) {
    List<Segment> out = new ArrayList<>(spans.size());
    for (HopSpan s : spans) {
      out.add(levels.hops(s));
    }
    return out;
  }

  private static List<Segment> clippingSegments(Levels levels, List<ClippingDetector.Run> runs, int sampleRate) {
    long mergeGap = Math.round(CLIP_MERGE_GAP_S * sampleRate);
    List<long[]> merged = new ArrayList<>();
    for (ClippingDetector.Run r : runs) {
      long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && r.fromSample() - last[1] < mergeGap) {
        last[1] = r.toSample();
      } else {
        merged.add(new long[] {r.fromSample(), r.toSample()});
      }
    }
    List<Segment> out = new ArrayList<>(merged.size());
    for (long[] m : merged) {
      out.add(levels.samples(m[0], m[1]));
    }
    return out;
  }
}

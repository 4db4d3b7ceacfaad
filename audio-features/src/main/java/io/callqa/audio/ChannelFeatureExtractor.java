package io.callqa.audio;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Computes the {@link ChannelFeatures} of one channel from samples pushed in blocks of any size, in
 * memory that does not grow with the samples: it keeps about 16 bytes per 10 ms hop (power and peak
 * per hop; peakiness, peak bin, tonality and stability per 20 ms analysis frame; 17 MB for 3 hours),
 * one analysis frame and the noise estimator's level buckets, never the samples.
 *
 * <p>Use: {@link #accept} the channel's samples in order, then {@link #finish()} once. Not thread-safe;
 * one instance per channel. {@link AudioFeatures#extract(AudioStream, FeatureOptions)} drives one per
 * channel of an {@link AudioStream}; this class is for callers that already hold the samples in blocks
 * (e.g. to feed a recogniser from the same stream).
 */
public final class ChannelFeatureExtractor {

  private final int sampleRate;
  private final FeatureOptions options;
  private final int hop;
  private final double hopS;
  private final LoudnessProcessor loudness = new LoudnessProcessor();
  private final ClippingDetector clipping;
  private final LoudnessWindowProcessor windows;
  private final ToneProcessor tone;
  private final Framer hopFramer;
  private final Framer fftFramer;
  private final NoiseEstimator noise;
  private final Framer noiseFramer;
  private long samples;
  private boolean finished;

  /**
   * @param sampleRate in Hz, positive
   * @param options tuning, e.g. {@link FeatureOptions#defaults()}
   */
  public ChannelFeatureExtractor(int sampleRate, FeatureOptions options) {
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("sampleRate must be positive, got " + sampleRate);
    }
    this.sampleRate = sampleRate;
    this.options = Objects.requireNonNull(options, "options");
    this.hop = Math.max(1, (int) Math.round(AudioFeatures.HOP_S * sampleRate));
    this.hopS = hop / (double) sampleRate;
    this.clipping = new ClippingDetector(AudioFeatures.CLIP_LEVEL, AudioFeatures.CLIP_TOLERANCE, AudioFeatures.CLIP_MIN_RUN,
        Math.round(AudioFeatures.CLIP_MERGE_GAP_S * sampleRate), sampleRate);
    this.windows = new LoudnessWindowProcessor(sampleRate);
    this.hopFramer = new Framer(hop, hop, 0, sampleRate, loudness, clipping, windows);
    // FFT frames of ~64 ms, one per TONE_HOPS hops (20 ms), centred on those hops: frame j's centre is
    // the centre of hops [j * TONE_HOPS, (j + 1) * TONE_HOPS)
    int step = hop * AudioFeatures.TONE_HOPS;
    int fftSize = Integer.highestOneBit((int) Math.ceil(AudioFeatures.FFT_FRAME_S * sampleRate) - 1) << 1;
    fftSize = Math.max(fftSize, Integer.highestOneBit(step) << 1);
    this.tone = new ToneProcessor(fftSize, sampleRate);
    this.fftFramer = new Framer(fftSize, step, Math.max(0, fftSize / 2 - step / 2), sampleRate, tone);
    this.noise = new NoiseEstimator(sampleRate);
    this.noiseFramer = new Framer(noise.frameSize(), noise.frameSize(), 0, sampleRate, noise);
  }

  /** Pushes the next samples, {@code x[from..to)}, nominally in [-1, 1]. The array is not retained. */
  public void accept(float[] x, int from, int to) {
    if (finished) {
      throw new IllegalStateException("finish() was already called");
    }
    Objects.checkFromToIndex(from, to, x.length);
    hopFramer.push(x, from, to);
    fftFramer.push(x, from, to);
    noiseFramer.push(x, from, to);
    samples += to - from;
  }

  /** Samples accepted so far. */
  public long samples() {
    return samples;
  }

  /** Ends the channel and segments it. Call once; the extractor cannot be reused. */
  public ChannelFeatures finish() {
    if (finished) {
      throw new IllegalStateException("finish() was already called");
    }
    finished = true;
    noiseFramer.finishUnpadded();
    if (samples == 0) {
      return new ChannelFeatures(hopS, new float[0], List.of(), List.of(), List.of(), List.of(), noise.profile());
    }
    hopFramer.finishUnpadded();
    FloatSeries hopPower = loudness.hopPower();
    int toneHops = AudioFeatures.TONE_HOPS;
    fftFramer.finishPadded((hopPower.size() + toneHops - 1) / toneHops);

    Levels levels = new Levels(hopPower, loudness.hopPeak(), hop, loudness.lastHopLength(), sampleRate);
    float[] envelope = levels.envelopeDbfs();
    ToneSegmenter.Result tones = ToneSegmenter.find(ToneSegmenter.Frames.of(tone), envelope, options, hopS,
        toneHops);
    List<HopSpan> toneSpans = tones.tones();
    boolean[] tonal = new boolean[hopPower.size()];
    for (HopSpan s : tones.nonSpeech()) {
      for (int k = s.from(); k < Math.min(s.to(), tonal.length); k++) {
        tonal[k] = true;
      }
    }
    List<HopSpan> speechSpans = VoiceActivityDetector.detect(hopPower, tonal, options, hopS);
    return new ChannelFeatures(hopS, envelope, measure(levels, speechSpans), measure(levels, toneSpans),
        clipping.segments(), windows.windows(), noise.profile());
  }

  private static List<Segment> measure(Levels levels, List<HopSpan> spans) {
    List<Segment> out = new ArrayList<>(spans.size());
    for (HopSpan s : spans) {
      out.add(levels.hops(s));
    }
    return out;
  }
}

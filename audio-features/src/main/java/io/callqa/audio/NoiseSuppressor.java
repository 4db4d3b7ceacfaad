package io.callqa.audio;

import be.tarsos.dsp.util.fft.FFT;
import java.util.Objects;

/**
 * Removes steady background noise from speech before recognition: a short-time Wiener filter with the
 * decision-directed estimate of the a-priori SNR (Ephraim and Malah, 1984) against a channel's
 * {@link NoiseProfile}. Frames of {@code n} samples (about 32 ms) under a square-root Hann window, hop n/4,
 * overlap-add; each bin's gain is {@code xi / (1 + xi)}, never below {@code floorDb}: the floor keeps some
 * noise, whose absence would itself confuse a recogniser trained on real recordings ("musical noise").
 *
 * <p>Small speech recognisers lose whole sentences in steady noise 12-17 dB below the speech; this filter
 * brings most of them back, and leaves speech far above its noise (a gain of ~1) nearly unchanged.
 *
 * <p>Streaming like {@link StreamingResampler}: {@link #accept} the samples of a stretch in blocks, then
 * {@link #finish}; the output, through the sink, has exactly as many samples as the input, aligned with it
 * (no delay). After {@link #finish} a new stretch starts from scratch. Memory is a few frames. Not thread-safe.
 */
public final class NoiseSuppressor {
  /** Default lowest gain, dB. */
  public static final double DEFAULT_FLOOR_DB = -15;
  /** Weight of the previous frame's clean-speech estimate in the a-priori SNR. */
  private static final double DD_ALPHA = 0.98;

  private final int n;
  private final int hop;
  private final float[] window;
  private final double[] noise;
  private final float floor;
  private final FFT fft;
  private final StreamingResampler.Sink sink;
  private final float[] frame;
  private final float[] work;
  private final float[] overlap;
  private final double[] previousClean;
  private final float[] out;
  /** Samples in {@code frame}; starts at n - hop (zeros before the stretch), a frame is analysed at n. */
  private int fill;
  /** Frames analysed in this stretch; the first three only complete the zeros before it. */
  private long frames;
  private long received;
  private long emitted;

  /**
   * @param profile the channel's noise, at the rate of the samples to come
   * @param floorDb lowest gain, dB (negative), e.g. {@link #DEFAULT_FLOOR_DB}
   */
  public NoiseSuppressor(NoiseProfile profile, double floorDb, StreamingResampler.Sink sink) {
    Objects.requireNonNull(profile, "profile");
    this.sink = Objects.requireNonNull(sink, "sink");
    if (!(floorDb < 0)) {
      throw new IllegalArgumentException("floorDb must be negative, got " + floorDb);
    }
    this.n = profile.fftSize();
    this.hop = n / 4;
    this.window = NoiseProfile.window(n);
    this.noise = new double[n / 2 + 1];
    for (int k = 0; k <= n / 2; k++) {
      noise[k] = Math.max(profile.bin(k), 1e-12); // an empty bin: any sound in it is far above its noise
    }
    this.floor = (float) Math.pow(10, floorDb / 20);
    this.fft = new FFT(n);
    this.frame = new float[n];
    this.work = new float[n];
    this.overlap = new float[n];
    this.previousClean = new double[n / 2 + 1];
    this.out = new float[hop];
    reset();
  }

  /** Pushes the next {@code length} samples of the current stretch. */
  public void accept(float[] in, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, in.length);
    received += length;
    while (length > 0) {
      int take = Math.min(n - fill, length);
      System.arraycopy(in, offset, frame, fill, take);
      fill += take;
      offset += take;
      length -= take;
      if (fill == n) {
        step();
      }
    }
  }

  /** Ends the current stretch: emits its remaining output (input beyond its end taken as zero), then resets. */
  public void finish() {
    while (emitted < received) {
      java.util.Arrays.fill(frame, fill, n, 0f);
      fill = n;
      step();
    }
    reset();
  }

  private void reset() {
    java.util.Arrays.fill(frame, 0f);
    java.util.Arrays.fill(overlap, 0f);
    java.util.Arrays.fill(previousClean, 0);
    fill = n - hop;
    frames = 0;
    received = 0;
    emitted = 0;
  }

  /** Filters the full frame, overlap-adds it, emits the hop now complete, and slides the frame by a hop. */
  private void step() {
    for (int i = 0; i < n; i++) {
      work[i] = frame[i] * window[i];
    }
    fft.forwardTransform(work);
    for (int k = 0; k <= n / 2; k++) {
      double p = Spectra.power(work, k, n);
      double posterior = p / noise[k];
      double prior = DD_ALPHA * previousClean[k] / noise[k] + (1 - DD_ALPHA) * Math.max(posterior - 1, 0);
      float g = Math.max(floor, (float) (prior / (1 + prior)));
      previousClean[k] = g * g * p;
      Spectra.scale(work, k, n, g);
    }
    fft.backwardsTransform(work);
    for (int i = 0; i < n; i++) {
      overlap[i] += work[i] * window[i] * 0.5f; // the squared windows of four overlapping frames sum to 2
    }
    frames++;
    if (frames > 3) { // the first three frames' completed hops are the zeros before the stretch
      int count = (int) Math.min(hop, received - emitted);
      if (count > 0) {
        System.arraycopy(overlap, 0, out, 0, count);
        sink.accept(out, 0, count);
        emitted += count;
      }
    }
    System.arraycopy(overlap, hop, overlap, 0, n - hop);
    java.util.Arrays.fill(overlap, n - hop, n, 0f);
    System.arraycopy(frame, hop, frame, 0, n - hop);
    fill = n - hop;
  }
}

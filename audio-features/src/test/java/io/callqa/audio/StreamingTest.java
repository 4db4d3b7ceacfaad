package io.callqa.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Streaming decode and block-by-block feature extraction. */
class StreamingTest {

  private static final int MB = 1 << 20;

  @Test
  void muLawEncoderRoundTripsThroughTheDecoderTables() {
    for (int code = 0; code < 256; code++) {
      assertThat(SyntheticCallWav.linearToMulaw(G711.mulawToLinear(code)) & 0xFF)
          .as("code %d", code).isIn(code, code == 0x7F ? 0xFF : code);   // 0x7F and 0xFF are both zero
    }
  }

  @Test
  void streamedDecodeEqualsWholeDecodeForEveryBlockSize() throws Exception {
    byte[] wav = new SyntheticCallWav(3.3, 5).readAllBytes();
    DecodedAudio whole = AudioDecoder.decode(new ByteArrayInputStream(wav), "s.wav");
    for (int blockFrames : new int[] {1, 7, 4096, 100_000}) {
      try (AudioStream s = AudioDecoder.open(new ByteArrayInputStream(wav), "s.wav")) {
        assertThat(s.info()).isEqualTo(new AudioInfo("mulaw", 8000, 2, 8, 26400));
        float[][] block = new float[2][blockFrames];
        int at = 0;
        int n;
        while ((n = s.read(block)) > 0) {
          for (int i = 0; i < n; i++, at++) {
            assertThat(block[0][i]).isEqualTo(whole.channels()[0][at]);
            assertThat(block[1][i]).isEqualTo(whole.channels()[1][at]);
          }
        }
        assertThat(at).isEqualTo(26400);
        assertThat(s.framesRead()).isEqualTo(26400);
        assertThat(s.read(block)).isEqualTo(-1);
      }
    }
  }

  @Test
  void featuresDoNotDependOnHowTheSamplesAreSplitIntoBlocks() {
    Random random = new Random(11);
    float[] x = Signals.whiteNoise(-60, 8.0, 8000, random);
    Signals.mix(x, Signals.speechLike(-30, 2.0, 8000, random), 1.0, 8000);
    Signals.mix(x, Signals.sine(440, -20, 1.5, 8000), 4.0, 8000);
    for (int i = 50_000; i < 50_010; i++) {
      x[i] = 1f;
    }
    ChannelFeatures whole = AudioFeatures.extract(x, 8000, FeatureOptions.defaults());
    for (int[] sizes : new int[][] {{1}, {79, 81, 3}, {4096}, {10_001, 17}}) {
      ChannelFeatureExtractor e = new ChannelFeatureExtractor(8000, FeatureOptions.defaults());
      int at = 0;
      for (int k = 0; at < x.length; k++) {
        int to = Math.min(x.length, at + sizes[k % sizes.length]);
        e.accept(x, at, to);
        at = to;
      }
      ChannelFeatures split = e.finish();
      assertThat(split.envelopeDbfs()).containsExactly(whole.envelopeDbfs());
      assertThat(split.speech()).isEqualTo(whole.speech());
      assertThat(split.tones()).isEqualTo(whole.tones());
      assertThat(split.clipping()).isEqualTo(whole.clipping());
      assertThat(split.loudness1s()).isEqualTo(whole.loudness1s());
    }
    assertThat(whole.speech()).hasSize(1);
    assertThat(whole.tones()).hasSize(1);
    assertThat(whole.clipping()).hasSize(1);
  }

  /**
   * A 3-hour stereo 8 kHz mu-law call, generated lazily, is decoded and analysed with live heap growth
   * under 64 MB. Why 64 MB: decoded to floats the call is 3 h x 8000 x 2 x 4 B = 691 MB (173 MB as
   * mu-law bytes), so anything that keeps the samples fails by far; what legitimately grows is the
   * per-hop state, about 16 B per 10 ms hop and channel while extracting (1.08 M hops x 2 channels x
   * 16 B = 35 MB) plus the results (4 B of envelope per hop, 8.6 MB), which leaves ~20 MB of slack for
   * GC noise and block buffers. Live heap is sampled after System.gc() every 10 minutes of audio.
   */
  @Test
  void threeHourStereoCallIsProcessedInBoundedHeap() throws Exception {
    double seconds = 3 * 3600;
    long baseline = usedAfterGc();
    List<Long> samples = new ArrayList<>();
    List<ChannelFeatures> features;
    long frames;
    try (AudioStream decoded = AudioDecoder.open(new SyntheticCallWav(seconds, 3), "3h.wav");
        AudioStream sampled = new HeapSampling(decoded, 8000 * 600, samples)) {
      assertThat(decoded.info()).isEqualTo(new AudioInfo("mulaw", 8000, 2, 8, 86_400_000L));
      features = AudioFeatures.extract(sampled, FeatureOptions.defaults());
      frames = decoded.framesRead();
    }
    samples.add(usedAfterGc());   // results still referenced
    long peakGrowth = samples.stream().mapToLong(v -> v - baseline).max().orElseThrow();
    System.out.printf("3 h stereo 8 kHz mu-law: live heap growth sampled %d times, peak %.1f MB, with results"
        + " %.1f MB%n", samples.size(), peakGrowth / (double) MB,
        (samples.get(samples.size() - 1) - baseline) / (double) MB);

    assertThat(frames).isEqualTo(86_400_000L);
    assertThat(samples).hasSizeGreaterThanOrEqualTo(18);
    assertThat(peakGrowth).isLessThan(64L * MB);
    int cycles = (int) (seconds / SyntheticCallWav.CYCLE_S);
    ChannelFeatures left = features.get(0);
    ChannelFeatures right = features.get(1);
    assertThat(left.envelopeDbfs()).hasSize(1_080_000);
    assertThat(left.speech()).hasSize(2 * cycles);
    assertThat(right.speech()).hasSize(2 * cycles);
    assertThat(left.tones()).hasSize(cycles);
    assertThat(right.tones()).isEmpty();
    // the last cycle's boundaries are as exact as the first's (within 50 ms)
    double last = (cycles - 1) * (double) SyntheticCallWav.CYCLE_S;
    Segment lastSpeech = left.speech().get(2 * cycles - 1);
    assertThat(lastSpeech.startS()).isCloseTo(last + 8, within(0.05));
    assertThat(lastSpeech.endS()).isCloseTo(last + 14, within(0.05));
    Segment lastTone = left.tones().get(cycles - 1);
    assertThat(lastTone.startS()).isCloseTo(last + 45, within(0.1));
    assertThat(lastTone.endS()).isCloseTo(last + 50, within(0.1));
    assertThat(right.speech().get(2 * cycles - 1).endS()).isCloseTo(last + 38, within(0.05));
  }

  private static long usedAfterGc() {
    Runtime rt = Runtime.getRuntime();
    System.gc();
    System.gc();
    return rt.totalMemory() - rt.freeMemory();
  }

  /** Passes a stream through, recording live heap (after GC) every {@code every} frames. */
  private static final class HeapSampling implements AudioStream {
    private final AudioStream in;
    private final long every;
    private final List<Long> samples;
    private long next;

    HeapSampling(AudioStream in, long every, List<Long> samples) {
      this.in = in;
      this.every = every;
      this.samples = samples;
      this.next = every;
    }

    @Override
    public AudioInfo info() {
      return in.info();
    }

    @Override
    public int read(float[][] block) throws AudioException {
      int n = in.read(block);
      if (in.framesRead() >= next) {
        samples.add(usedAfterGc());
        next += every;
      }
      return n;
    }

    @Override
    public long framesRead() {
      return in.framesRead();
    }

    @Override
    public void close() {
      in.close();
    }
  }
}

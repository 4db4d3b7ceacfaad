package io.callqa.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ResamplerTest {

  @Test
  void upsampling8kTo16kKeepsA1kHzSineWithin02dB() {
    float[] in = Signals.sine(1000, -20, 2.0, 8000);
    float[] out = Resampler.resample(in, 8000, 16000);
    assertThat(out).hasSize(32000);
    // measure away from the edges (filter half-length is 18 input samples)
    assertThat(Signals.rmsDbfs(out, 1600, 30400)).isCloseTo(-20.0, within(0.2));
    // and the waveform is in place: no delay
    float[] expected = Signals.sine(1000, -20, 2.0, 16000);
    for (int i = 1600; i < 30400; i += 37) {
      assertThat(out[i]).isCloseTo(expected[i], within(0.005f));
    }
  }

  @Test
  void downsampling16kTo8kRemovesA6kHzSineByMoreThan40dB() {
    float[] in = Signals.sine(6000, -10, 2.0, 16000);
    float[] out = Resampler.resample(in, 16000, 8000);
    assertThat(out).hasSize(16000);
    assertThat(Signals.rmsDbfs(out, 800, 15200)).isLessThan(-10 - 40);
  }

  @Test
  void passesSpeechBandWhenDownsamplingFrom44100() {
    float[] out = Resampler.resample(Signals.sine(1000, -20, 1.0, 44100), 44100, 16000);
    assertThat(out).hasSize(16000);
    assertThat(Signals.rmsDbfs(out, 1600, 14400)).isCloseTo(-20.0, within(0.2));
  }

  @Test
  void oddRatesAndEdgeCases() {
    assertThat(Resampler.resample(new float[0], 8000, 16000)).isEmpty();
    assertThat(Resampler.resample(new float[] {1f, 2f}, 8000, 8000)).containsExactly(1f, 2f);
    float[] dc = new float[8001];
    java.util.Arrays.fill(dc, 0.5f);
    float[] out = Resampler.resample(dc, 8001, 16000);   // coprime rates: quantised phases
    assertThat(out).hasSize(16000);
    assertThat(out[8000]).isCloseTo(0.5f, within(1e-4f));
    assertThatThrownBy(() -> Resampler.resample(dc, 0, 8000)).isInstanceOf(IllegalArgumentException.class);
  }

  /** Speed is measured, not asserted (a loaded machine must not fail the suite); target: over 200x real time. */
  @Test
  @org.junit.jupiter.api.Tag("benchmark")
  void upsamplingSpeedBenchmark() {
    float[] in = Signals.sine(440, -20, 60.0, 8000);
    Resampler.resample(in, 8000, 16000);   // warm-up
    long start = System.nanoTime();
    int rounds = 5;
    for (int r = 0; r < rounds; r++) {
      Resampler.resample(in, 8000, 16000);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double realTime = rounds * 60.0 / seconds;
    System.out.printf("Resampler 8k->16k: %.0fx real time (target > 200x)%n", realTime);
  }
}

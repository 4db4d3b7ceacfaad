package io.callqa.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AudioFeaturesTest {

  private static final int RATE = 8000;

  private static ChannelFeatures extract(float[] x) {
    return AudioFeatures.extract(x, RATE, FeatureOptions.defaults());
  }

  @Test
  void loudnessOfACalibratedMinus20DbfsSine() {
    ChannelFeatures f = extract(Signals.sine(1000, -20, 3.0, RATE));
    assertThat(f.hopS()).isEqualTo(0.010);
    assertThat(f.envelopeDbfs()).hasSize(300);
    for (int k = 0; k < 300; k++) {
      assertThat((double) f.envelopeDbfs()[k]).isCloseTo(-20.0, within(0.5));
    }
    assertThat(f.loudness1s()).hasSize(9);   // starts 0, 0.25, ..., 2.0
    assertThat(f.loudness1s().get(8).startS()).isEqualTo(2.0);
    assertThat(f.loudness1s()).allSatisfy(w -> assertThat(w.dbfs()).isCloseTo(-20.0, within(0.5)));
  }

  @Test
  void digitalSilenceIsAtTheFloor() {
    ChannelFeatures f = extract(new float[RATE]);
    assertThat(f.envelopeDbfs()).containsOnly(-100f);
    assertThat(f.speech()).isEmpty();
    assertThat(f.tones()).isEmpty();
    assertThat(extract(new float[0]).envelopeDbfs()).isEmpty();
  }

  @Test
  void noiseOnlyIsNotSpeech() {
    ChannelFeatures f = extract(Signals.whiteNoise(-45, 10.0, RATE, new Random(1)));
    assertThat(f.speech()).isEmpty();
    assertThat(f.tones()).isEmpty();
  }

  @Test
  void steadyToneAndDtmfAreTonesNotSpeech() {
    float[] x = Signals.whiteNoise(-65, 10.0, RATE, new Random(2));
    Signals.mix(x, Signals.sine(1000, -20, 2.0, RATE), 1.0, RATE);            // a beep
    for (int d = 0; d < 5; d++) {                                             // DTMF "5": 770 + 1336 Hz
      Signals.mix(x, Signals.sine(770, -23, 0.2, RATE), 5.0 + d * 0.35, RATE);
      Signals.mix(x, Signals.sine(1336, -23, 0.2, RATE), 5.0 + d * 0.35, RATE);
    }
    ChannelFeatures f = extract(x);
    assertThat(f.speech()).isEmpty();
    assertThat(f.tones()).hasSize(2);
    assertThat(f.tones().get(0).startS()).isCloseTo(1.0, within(0.1));
    assertThat(f.tones().get(0).endS()).isCloseTo(3.0, within(0.1));
    assertThat(f.tones().get(1).startS()).isCloseTo(5.0, within(0.1));
    assertThat(f.tones().get(1).endS()).isCloseTo(6.6, within(0.1));
  }

  @Test
  void speechBetweenNoiseIsFoundWithItsBoundaries() {
    Random random = new Random(3);
    float[] x = Signals.whiteNoise(-60, 12.0, RATE, random);
    Signals.mix(x, Signals.speechLike(-35, 3.0, RATE, random), 2.0, RATE);   // quiet talker
    Signals.mix(x, Signals.speechLike(-25, 2.0, RATE, random), 5.6, RATE);   // 0.6 s pause: a new segment
    ChannelFeatures f = extract(x);
    assertThat(f.tones()).isEmpty();
    assertThat(f.speech()).hasSize(2);
    assertThat(f.speech().get(0).startS()).isCloseTo(2.0, within(0.1));
    assertThat(f.speech().get(0).endS()).isCloseTo(5.0, within(0.1));
    assertThat(f.speech().get(1).startS()).isCloseTo(5.6, within(0.1));
    assertThat(f.speech().get(1).endS()).isCloseTo(7.6, within(0.1));
    assertThat(f.speech().get(0).meanDbfs()).isCloseTo(-35, within(1.0));
    assertThat(f.speech().get(1).peakDbfs()).isGreaterThan(f.speech().get(1).meanDbfs());
  }

  @Test
  void shortPausesDoNotSplitASegment() {
    Random random = new Random(4);
    float[] x = Signals.whiteNoise(-60, 6.0, RATE, random);
    Signals.mix(x, Signals.speechLike(-28, 1.0, RATE, random), 1.0, RATE);
    Signals.mix(x, Signals.speechLike(-28, 1.0, RATE, random), 2.25, RATE);   // 0.25 s pause between words
    ChannelFeatures f = extract(x);
    assertThat(f.speech()).hasSize(1);
    assertThat(f.speech().get(0).durationS()).isCloseTo(2.25, within(0.1));
  }

  @Test
  void clippingRunsAreMerged() {
    float[] x = Signals.sine(300, -20, 3.0, RATE);
    for (int i = 8000; i < 8005; i++) {
      x[i] = 1f;          // run of 5
    }
    for (int i = 8800; i < 8803; i++) {
      x[i] = -1f;         // run of 3 at the ceiling, 0.1 s later: merged
    }
    x[16000] = 1f;        // isolated samples: not clipping
    x[16001] = 1f;
    for (int i = 20000; i < 20010; i++) {
      x[i] = 1f;
    }
    ChannelFeatures f = extract(x);
    assertThat(f.clipping()).hasSize(2);
    assertThat(f.clipping().get(0).startS()).isEqualTo(1.0);
    assertThat(f.clipping().get(0).endS()).isEqualTo(8803 / 8000.0);
    assertThat(f.clipping().get(0).peakDbfs()).isEqualTo(0.0);
    assertThat(f.clipping().get(1).startS()).isEqualTo(2.5);
  }

  @Test
  void clippingIsRelativeToTheChannelsCeiling() {
    // G.711 cannot reach full scale: a passage clipped before mu-law encoding decodes to flat tops at
    // 32124/32768 = 0.980, below any fixed 0.99 threshold
    float ceiling = 32124 / 32768f;
    float[] x = Signals.sine(300, -20, 3.0, RATE);
    for (int i = 12000; i < 12004; i++) {
      x[i] = ceiling;
    }
    for (int i = 12020; i < 12023; i++) {
      x[i] = -ceiling;
    }
    x[4000] = 0.975f;      // a lone loud peak below the ceiling: not clipping
    ChannelFeatures f = extract(x);
    assertThat(f.clipping()).hasSize(1);
    assertThat(f.clipping().get(0).startS()).isEqualTo(1.5);
    assertThat(f.clipping().get(0).endS()).isEqualTo(12023 / 8000.0);
  }

  @Test
  void loudCleanAudioIsNotClipping() {
    // a 0.95-amplitude sine has no run of 3 samples at its peak at 8 kHz
    assertThat(extract(Signals.sine(440, -3.5, 2.0, RATE)).clipping()).isEmpty();
    // flat runs far below full scale (a quiet square wave) are not clipping either
    float[] square = new float[16000];
    for (int i = 0; i < square.length; i++) {
      square[i] = (i / 20) % 2 == 0 ? 0.3f : -0.3f;
    }
    assertThat(extract(square).clipping()).isEmpty();
  }
}

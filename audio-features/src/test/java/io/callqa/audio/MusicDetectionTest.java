package io.callqa.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hold music of two timbres (sine melody with a harmonic, triangle-wave triads) under pink and brown
 * telephone-band noise at -55 and -45 dBFS is one tone and not speech; monotone speech-like sound (a
 * constant 110 Hz voice whose harmonic weights change every phoneme) is never a tone. Seeded, 8 kHz.
 */
class MusicDetectionTest {

  private static final int RATE = 8000;

  @ParameterizedTest(name = "{0} music at -30 dBFS over {1} noise at {2} dBFS")
  @CsvSource({"melody, pink, -55", "melody, pink, -45", "melody, brown, -55", "melody, brown, -45",
      "chords, pink, -55", "chords, pink, -45", "chords, brown, -55", "chords, brown, -45"})
  void musicUnderNoiseIsOneToneAndNotSpeech(String timbre, String colour, int noiseDbfs) {
    Random random = new Random(noiseDbfs * 31L + colour.length() * 7L + timbre.length());
    float[] x = Signals.colouredNoise(colour.equals("brown"), noiseDbfs, 20.0, RATE, random);
    float[] music = timbre.equals("melody") ? Signals.melody(-30, 12.0, RATE) : Signals.chords(-30, 12.0, RATE);
    Signals.mix(x, music, 4.0, RATE);
    ChannelFeatures f = AudioFeatures.extract(x, RATE, FeatureOptions.defaults());
    assertThat(f.tones()).hasSize(1);
    assertThat(f.tones().get(0).startS()).isBetween(3.9, 4.4);
    assertThat(f.tones().get(0).endS()).isBetween(15.6, 16.1);
    double speechInMusic = f.speech().stream()
        .mapToDouble(s -> Math.max(0, Math.min(s.endS(), 16.0) - Math.max(s.startS(), 4.0))).sum();
    assertThat(speechInMusic).isLessThan(0.1 * 12.0);
  }

  @ParameterizedTest(name = "monotone speech, spectrum changing every {0} ms")
  @ValueSource(ints = {60, 100, 150})
  void monotoneSpeechIsSpeechNotATone(int segmentMs) {
    Random random = new Random(segmentMs);
    float[] x = Signals.colouredNoise(false, -55, 16.0, RATE, random);
    Signals.mix(x, Signals.monotoneSpeech(-28, 12.0, segmentMs, RATE, random), 2.0, RATE);
    ChannelFeatures f = AudioFeatures.extract(x, RATE, FeatureOptions.defaults());
    assertThat(f.tones()).isEmpty();
    assertThat(f.speechS()).isGreaterThan(8.0);
  }
}

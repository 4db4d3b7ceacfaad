package io.callqa.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NoiseSuppressorTest {
  private static final int RATE = 8000;

  /** 3 s of speech-like sound, 2 s of nothing, repeated: a channel that is quiet between its turns. */
  private static float[] turns(double speechDbfs, int count, Random random) {
    float[] x = new float[count * 5 * RATE];
    for (int i = 0; i < count; i++) {
      Signals.mix(x, Signals.speechLike(speechDbfs, 3.0, RATE, random), i * 5.0, RATE);
    }
    return x;
  }

  private static float[] plus(float[] a, float[] b) {
    float[] out = a.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] += b[i];
    }
    return out;
  }

  private static float[] suppress(NoiseProfile profile, float[] x, int block) {
    float[] out = new float[x.length];
    int[] at = {0};
    NoiseSuppressor s = new NoiseSuppressor(profile, NoiseSuppressor.DEFAULT_FLOOR_DB, (b, off, len) -> {
      System.arraycopy(b, off, out, at[0], len);
      at[0] += len;
    });
    for (int i = 0; i < x.length; i += block) {
      s.accept(x, i, Math.min(block, x.length - i));
    }
    s.finish();
    assertEquals(x.length, at[0], "one output sample per input sample");
    return out;
  }

  private static double db(float[] x, double fromS, double toS) {
    return Signals.rmsDbfs(x, (int) (fromS * RATE), (int) (toS * RATE));
  }

  /** Power of (a - b) relative to the power of b over the whole signal, dB: how far {@code a} is from clean. */
  private static double errorDb(float[] a, float[] clean) {
    double err = 0;
    double ref = 0;
    for (int i = 0; i < a.length; i++) {
      err += (a[i] - clean[i]) * (a[i] - clean[i]);
      ref += clean[i] * clean[i];
    }
    return 10 * Math.log10(err / ref);
  }

  @Test
  void estimatesTheNoiseLevelFromTheQuietFramesAndIgnoresDigitalSilence() {
    Random r = new Random(1);
    float[] noisy = plus(turns(-28, 6, r), Signals.colouredNoise(false, -40, 30, RATE, r));
    // a muted stretch (digital silence) of 10 s in the middle: not noise
    float[] muted = new float[noisy.length + 10 * RATE];
    System.arraycopy(noisy, 0, muted, 0, 15 * RATE);
    System.arraycopy(noisy, 15 * RATE, muted, 25 * RATE, noisy.length - 15 * RATE);
    for (float[] x : new float[][] {noisy, muted}) {
      NoiseProfile p = AudioFeatures.extract(x, RATE, FeatureOptions.defaults()).noise();
      assertEquals(256, p.fftSize());
      assertEquals(-40, p.levelDbfs(), 2.0, p.toString());
    }
    NoiseProfile silent = AudioFeatures.extract(new float[RATE], RATE, FeatureOptions.defaults()).noise();
    assertEquals(-100, silent.levelDbfs(), 1e-9, "no noise measured in digital silence");
  }

  @Test
  void removesSteadyNoiseAndKeepsTheSpeech() {
    Random r = new Random(2);
    float[] clean = turns(-28, 6, r);
    for (boolean brown : new boolean[] {false, true}) {
      float[] noise = Signals.colouredNoise(brown, -40, 30, RATE, r);
      float[] noisy = plus(clean, noise);
      NoiseProfile p = AudioFeatures.extract(noisy, RATE, FeatureOptions.defaults()).noise();
      float[] out = suppress(p, noisy, 1000);
      String what = brown ? "brown" : "pink";
      // between the turns, the noise drops by well over 10 dB (the floor is 15 dB)
      double before = db(noisy, 3.5, 4.5);
      double after = db(out, 3.5, 4.5);
      assertTrue(before - after > 10, what + ": noise " + before + " -> " + after + " dBFS");
      // inside a turn the speech level stays within 1 dB
      assertEquals(db(clean, 10.5, 12.5), db(out, 10.5, 12.5), 1.0, what + " speech level");
      // and the output is closer to the clean signal than the input was
      double in = errorDb(noisy, clean);
      double res = errorDb(out, clean);
      assertTrue(in - res > 2, what + ": error " + in + " -> " + res + " dB");
    }
  }

  @Test
  void passesCleanSoundThroughUnchangedAndWithoutDelay() {
    Random r = new Random(3);
    float[] x = turns(-28, 2, r);
    float[] quiet = new float[RATE * 3];
    NoiseProfile none = AudioFeatures.extract(quiet, RATE, FeatureOptions.defaults()).noise();
    float[] out = suppress(none, x, 777);
    for (int i = 0; i < x.length; i++) {
      assertEquals(x[i], out[i], 2e-4, "sample " + i);
    }
  }

  @Test
  void blockSizeDoesNotChangeTheOutputAndStretchesAreIndependent() {
    Random r = new Random(4);
    float[] noisy = plus(turns(-28, 2, r), Signals.colouredNoise(true, -42, 10, RATE, r));
    NoiseProfile p = AudioFeatures.extract(noisy, RATE, FeatureOptions.defaults()).noise();
    float[] whole = suppress(p, noisy, noisy.length);
    assertArrayEquals(whole, suppress(p, noisy, 1));
    assertArrayEquals(whole, suppress(p, noisy, 4097));
    // one suppressor, two stretches: the second starts from scratch, as a fresh one would
    float[] first = new float[3 * RATE];
    float[] second = new float[2 * RATE + 5];
    float[][] targets = {first, second};
    int[] state = {0, 0};
    NoiseSuppressor s = new NoiseSuppressor(p, NoiseSuppressor.DEFAULT_FLOOR_DB, (b, off, len) -> {
      System.arraycopy(b, off, targets[state[0]], state[1], len);
      state[1] += len;
    });
    s.accept(noisy, 0, first.length);
    s.finish();
    state[0] = 1;
    state[1] = 0;
    s.accept(noisy, RATE, second.length);
    s.finish();
    assertEquals(second.length, state[1]);
    float[] alone = suppress(p, java.util.Arrays.copyOfRange(noisy, RATE, RATE + second.length), 500);
    assertArrayEquals(alone, second);
  }
}

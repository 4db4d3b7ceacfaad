package io.callqa.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Block-wise resampling equals whole-array resampling exactly, whatever the block sizes. */
class StreamingResamplerTest {

  @ParameterizedTest
  @CsvSource({"8000,16000", "16000,16000", "44100,16000", "48000,16000", "11025,16000", "22050,8000"})
  void blocksGiveTheSameSamplesAsTheWholeStretch(int from, int to) {
    Random rnd = new Random(from * 31L + to);
    float[] in = new float[from / 2 + 37];
    for (int i = 0; i < in.length; i++) {
      in[i] = (float) (Math.sin(i * 0.05) * 0.5 + rnd.nextGaussian() * 0.1);
    }
    float[] expected = Resampler.resample(in, from, to);
    for (int blockMax : new int[] {1, 7, 160, 4096, in.length}) {
      Collector c = new Collector();
      StreamingResampler r = new StreamingResampler(from, to, c);
      for (int pos = 0; pos < in.length; ) {
        int n = Math.min(in.length - pos, 1 + rnd.nextInt(blockMax));
        r.accept(in, pos, n);
        pos += n;
      }
      r.finish();
      assertThat(c.result()).as("blocks up to " + blockMax).containsExactly(expected);
    }
  }

  @Test
  void finishStartsAFreshStretch() {
    float[] a = new float[3000];
    float[] b = new float[1234];
    Arrays.fill(a, 0.25f);
    Arrays.fill(b, -0.5f);
    Collector c = new Collector();
    StreamingResampler r = new StreamingResampler(8000, 16000, c);
    r.accept(a, 0, a.length);
    r.finish();
    float[] first = c.result();
    c.reset();
    r.accept(b, 0, b.length);
    r.finish();
    assertThat(first).containsExactly(Resampler.resample(a, 8000, 16000));
    assertThat(c.result()).containsExactly(Resampler.resample(b, 8000, 16000));
  }

  private static final class Collector implements StreamingResampler.Sink {
    private float[] data = new float[0];
    private int size;

    @Override
    public void accept(float[] samples, int offset, int length) {
      if (size + length > data.length) {
        data = Arrays.copyOf(data, Math.max(2 * data.length, size + length));
      }
      System.arraycopy(samples, offset, data, size, length);
      size += length;
    }

    float[] result() {
      return Arrays.copyOf(data, size);
    }

    void reset() {
      size = 0;
    }
  }
}

package io.callqa.ingest;

import io.callqa.audio.AudioException;
import io.callqa.audio.AudioStream;
import io.callqa.audio.NoiseProfile;
import io.callqa.audio.NoiseSuppressor;
import io.callqa.audio.StreamingResampler;
import io.callqa.ingest.asr.Transcriber;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams the regions of one channel into a {@link Transcriber}: reads a recording block by block, passes the
 * frames inside each region through a {@link NoiseSuppressor} (when given a noise profile) and a
 * {@link StreamingResampler} to the recogniser's rate, and skips the rest. Holds one block, the suppressor's
 * frames and the resampler's filter history, never a region or a channel. Not thread-safe.
 */
final class RegionFeeder {
  /** Frames decoded at a time (0.5 s at 8 kHz). */
  private static final int BLOCK_FRAMES = 4096;

  private final List<long[]> spans;
  private final int rate;
  private final Transcriber transcriber;
  private final NoiseProfile noise;
  private final List<Word> words = new ArrayList<>();

  /**
   * @param spans {from, to} frame ranges, sorted, not overlapping, each non-empty
   * @param rate the recording's sample rate
   * @param noise the channel's background noise, to suppress before recognition; {@code null}: none
   */
  RegionFeeder(List<long[]> spans, int rate, Transcriber transcriber, NoiseProfile noise) {
    this.spans = spans;
    this.rate = rate;
    this.transcriber = transcriber;
    this.noise = noise;
  }

  /** Reads {@code stream} (from its start) until the last region has been fed; does not close it. */
  void feed(AudioStream stream, int channel) throws AudioException {
    StreamingResampler resampler = new StreamingResampler(rate, Transcriber.SAMPLE_RATE, transcriber::feed);
    NoiseSuppressor suppressor = noise == null ? null
        : new NoiseSuppressor(noise, NoiseSuppressor.DEFAULT_FLOOR_DB, resampler::accept);
    float[][] block = new float[stream.info().channels()][BLOCK_FRAMES];
    long pos = 0;
    int next = 0;
    boolean open = false;
    while (next < spans.size()) {
      int n = stream.read(block);
      if (n <= 0) {
        break;
      }
      long blockEnd = pos + n;
      while (next < spans.size()) {
        long[] span = spans.get(next);
        if (span[0] >= blockEnd) {
          break;
        }
        if (!open) {
          transcriber.begin(span[0] / (double) rate);
          open = true;
        }
        long from = Math.max(pos, span[0]);
        long to = Math.min(blockEnd, span[1]);
        if (to > from) {
          if (suppressor != null) {
            suppressor.accept(block[channel], (int) (from - pos), (int) (to - from));
          } else {
            resampler.accept(block[channel], (int) (from - pos), (int) (to - from));
          }
        }
        if (span[1] > blockEnd) {
          break; // the region goes on in the next block
        }
        endRegion(suppressor, resampler);
        open = false;
        next++;
      }
      pos = blockEnd;
    }
    if (open) { // the recording ended inside a region (spans are clamped to its length, so only if it changed)
      endRegion(suppressor, resampler);
    }
  }

  private void endRegion(NoiseSuppressor suppressor, StreamingResampler resampler) {
    if (suppressor != null) {
      suppressor.finish();
    }
    resampler.finish();
    words.addAll(transcriber.end());
  }

  /** The words of every region fed, in order, with times from the start of the recording. */
  List<Word> words() {
    return words;
  }
}

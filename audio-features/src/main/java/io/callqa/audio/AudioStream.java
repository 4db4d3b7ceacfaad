package io.callqa.audio;

/**
 * A recording being decoded, read as consecutive blocks of deinterleaved float samples. Memory does
 * not depend on the recording's length: a stream holds one block of encoded bytes at a time.
 *
 * <p>Obtained from {@link AudioDecoder#open}; every decoding error that can be seen in the header or
 * the first frame is thrown there, so a stream that opened has at least one frame. Use in
 * try-with-resources: {@link #close()} releases the decoder (e.g. stops ffmpeg and deletes its temporary
 * files) but does not close the {@code InputStream} it was opened on, which stays the caller's. Not
 * thread-safe.
 */
public interface AudioStream extends AutoCloseable {

  /**
   * What the recording is. {@link AudioInfo#frames()} is, for a stream, the number of frames the
   * header announces, or -1 when it is unknown (a WAV whose size field was never filled in, anything
   * decoded through ffmpeg); a truncated file opened with {@code salvageTruncated} yields fewer.
   * {@link #framesRead()} counts what was actually decoded.
   */
  AudioInfo info();

  /**
   * Decodes the next frames into {@code block[channel][0..n)}, where n is at most
   * {@code block[0].length} (every {@code block[c]} must be at least that long).
   *
   * @param block one array per channel ({@code info().channels()} of them)
   * <p>Truncation contract: when the file ends before the data size its header announces, every
   * complete frame present is still returned by successive calls; then, where -1 would mark the end,
   * a stream opened without salvaging (the default, see
   * {@link AudioDecoder#open(java.io.InputStream, String, boolean)}) throws
   * {@link AudioException#truncatedData} (kind {@link AudioException.Kind#TRUNCATED}), and keeps throwing
   * it on further calls; {@link #framesRead()} then counts the frames present. A stream opened with
   * {@code salvageTruncated} returns -1 instead. A header whose data size was never filled in (0 or
   * 0xFFFFFFFF) reads to the end of the file and never counts as truncated. A consumer that must not
   * act on a partial recording therefore only trusts its results once {@code read} has returned -1.
   *
   * @param block one array per channel ({@code info().channels()} of them)
   * @return frames decoded, at least 1, or -1 at the end of the recording
   * @throws AudioException when reading or decoding fails part-way (I/O error, ffmpeg failure), or at
   *     the end of a recording cut short unless it was opened with {@code salvageTruncated}
   */
  int read(float[][] block) throws AudioException;

  /** Frames decoded so far; the recording's length once {@link #read} returned -1. */
  long framesRead();

  /** Releases the decoder. Idempotent; never throws. */
  @Override
  void close();

  /** Wraps decoded samples as a stream (e.g. to feed {@link AudioFeatures#extract(AudioStream, FeatureOptions)}). */
  static AudioStream of(DecodedAudio audio) {
    return new AudioStream() {
      private long position;

      @Override
      public AudioInfo info() {
        return audio.info();
      }

      @Override
      public int read(float[][] block) {
        long total = audio.info().frames();
        if (position >= total) {
          return -1;
        }
        int n = (int) Math.min(block[0].length, total - position);
        for (int c = 0; c < audio.channelCount(); c++) {
          System.arraycopy(audio.channels()[c], (int) position, block[c], 0, n);
        }
        position += n;
        return n;
      }

      @Override
      public long framesRead() {
        return position;
      }

      @Override
      public void close() {
        // nothing to release
      }
    };
  }

  /** Precondition of {@link #read}: one array per channel, each with room for at least one frame. */
  static void checkBlock(float[][] block, int channels) {
    if (block.length < channels || block[0].length == 0) {
      throw new IllegalArgumentException("need " + channels + " channel arrays of at least 1 frame");
    }
  }
}

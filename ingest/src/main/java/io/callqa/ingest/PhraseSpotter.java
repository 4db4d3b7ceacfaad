package io.callqa.ingest;

import io.callqa.audio.AudioDecoder;
import io.callqa.audio.AudioException;
import io.callqa.audio.AudioFeatures;
import io.callqa.audio.AudioStream;
import io.callqa.audio.ChannelFeatures;
import io.callqa.audio.FeatureOptions;
import io.callqa.ingest.asr.Transcriber;
import io.callqa.ingest.asr.VoskModels;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;

/**
 * Listens to one channel of a recording again, with the recogniser restricted to the words of a few phrases
 * (Vosk's grammar mode; anything else is heard as {@code [unk]}). A phrase the free transcript garbled ("this
 * call may be recorded" heard as "the thought may be recorded") is often heard whole this way, because the
 * recogniser no longer weighs it against every other English word; a phrase that was not said still comes out
 * as {@code [unk]} or scattered phrase words.
 *
 * <p>The channel is prepared as in ingest ({@link CallProcessor}, same {@link AsrOptions}): the same voice-activity
 * regions, the same noise suppression. Two passes over the recording (features, then regions), in bounded memory.
 * Thread-safe; the model is shared ({@link VoskModels}), each call gets its own recogniser.
 */
public final class PhraseSpotter {
  private final String modelDir;
  private final AsrOptions asr;
  private final FeatureOptions features;

  /**
   * @param modelDir Vosk model directory, or {@code null} for the bundled model
   */
  public PhraseSpotter(String modelDir, AsrOptions asr, FeatureOptions features) {
    this.modelDir = modelDir;
    this.asr = Objects.requireNonNull(asr, "asr");
    this.features = Objects.requireNonNull(features, "features");
  }

  /**
   * The words heard on {@code channel} (0-based) between {@code fromS} and {@code toS} when only the words of
   * {@code phrases} may be said; other speech comes back as {@code [unk]} words. Only the channel's speech regions
   * that overlap [fromS, toS] are listened to, whole. Times are seconds from the start of the recording.
   *
   * @param name the recording's file name (for the decoder's format detection and error messages)
   * @throws IOException when the recording cannot be read, or has no such channel
   * @throws AudioException when it cannot be decoded
   */
  public List<Word> listen(RecordingSource source, String name, int channel, Speaker speaker, List<String> phrases,
      double fromS, double toS) throws IOException, AudioException {
    ChannelFeatures f;
    int rate;
    long frames;
    try (InputStream in = source.open(); AudioStream stream = AudioDecoder.open(in, name)) {
      if (channel < 0 || channel >= stream.info().channels()) {
        throw new IOException(name + ": has " + stream.info().channels() + " channel(s), no channel "
            + channel + "; was the file replaced since it was ingested?");
      }
      f = AudioFeatures.extract(stream, features).get(channel);
      rate = stream.info().sampleRate();
      frames = stream.framesRead();
    }
    long from = (long) Math.floor(fromS * rate);
    long to = (long) Math.ceil(toS * rate);
    List<long[]> spans = AsrRegions.frameSpans(f.speech(), asr, rate, frames).stream()
        .filter(s -> s[1] > from && s[0] < to).toList();
    if (spans.isEmpty()) {
      return List.of();
    }
    try (Transcriber t = new Transcriber(VoskModels.shared(modelDir), speaker, phrases);
        InputStream in = source.open();
        AudioStream stream = AudioDecoder.open(in, name)) {
      RegionFeeder feeder = new RegionFeeder(spans, rate, t, asr.denoise() ? f.noise() : null);
      feeder.feed(stream, channel);
      return List.copyOf(feeder.words());
    }
  }
}

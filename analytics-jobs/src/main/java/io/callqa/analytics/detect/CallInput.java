package io.callqa.analytics.detect;

import io.callqa.ingest.LoudnessPoint;
import io.callqa.ingest.SoundSegment;
import io.callqa.ingest.Speaker;
import io.callqa.ingest.SpeechSegment;
import io.callqa.ingest.Word;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;

/** Everything the detectors need about one successfully ingested call; lists sorted by start time. */
public record CallInput(String callId, LocalDate callDate, String sourcePath, double durationS, int channels,
    String agentId, String queue, String direction, List<Word> words, List<SpeechSegment> speech,
    List<SoundSegment> sounds, List<LoudnessPoint> loudness) implements Serializable {

  /** The same call without its words, segments and loudness (what the output rows need of it). */
  public CallInput metadataOnly() {
    return new CallInput(callId, callDate, sourcePath, durationS, channels, agentId, queue, direction, List.of(),
        List.of(), List.of(), List.of());
  }

  /** Both parties on one channel: per-party measures are not possible. */
  public boolean mono() {
    return channels == 1;
  }

  /** The words of {@code speaker}; on a mono call every word (the party cannot be told apart). */
  public List<Word> wordsOf(Speaker speaker) {
    return mono() ? words : words.stream().filter(w -> w.speaker() == speaker).toList();
  }

  public List<SpeechSegment> speechOf(Speaker speaker) {
    return speech.stream().filter(s -> s.speaker() == speaker).toList();
  }

  public List<SoundSegment> soundsOf(Speaker speaker, String kind) {
    return sounds.stream().filter(s -> s.speaker() == speaker && s.kind().equals(kind)).toList();
  }

  /** The speaker whose channel carries the agent: {@code AGENT}, or {@code MONO} on mono calls. */
  public Speaker agentChannel() {
    return mono() ? Speaker.MONO : Speaker.AGENT;
  }
}

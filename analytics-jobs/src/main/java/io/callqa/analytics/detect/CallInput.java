package io.callqa.analytics.detect;

import io.callqa.ingest.LoudnessPoint;
import io.callqa.ingest.SoundSegment;
import io.callqa.ingest.Speaker;
import io.callqa.ingest.SpeechSegment;
import io.callqa.ingest.Word;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything the detectors need about one successfully ingested call; lists sorted by start time.
 *
 * @param agentChannel the agent's channel (0 = left) on stereo calls, {@code null} on mono calls
 */
public record CallInput(String callId, LocalDate callDate, String sourcePath, double durationS, int channels,
    Integer agentChannel, String agentId, String queue, String direction, List<Word> words,
    List<SpeechSegment> speech, List<SoundSegment> sounds, List<LoudnessPoint> loudness) implements Serializable {

  /** The same call without its words, segments and loudness (what the output rows need of it). */
  public CallInput metadataOnly() {
    return new CallInput(callId, callDate, sourcePath, durationS, channels, agentChannel, agentId, queue, direction,
        List.of(), List.of(), List.of(), List.of());
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

  /** The recording's channel (0-based) that carries {@code speaker}'s voice; 0 on mono calls. */
  public int channelOf(Speaker speaker) {
    if (mono()) {
      return 0;
    }
    int agent = agentChannel == null ? 0 : agentChannel;
    return speaker == Speaker.CUSTOMER ? 1 - agent : agent;
  }

  /** The speaker whose channel carries the agent: {@code AGENT}, or {@code MONO} on mono calls. */
  public Speaker agentSpeaker() {
    return mono() ? Speaker.MONO : Speaker.AGENT;
  }
}

package io.callqa.ingest;

import java.io.Serializable;
import java.util.List;

/** Everything ingest learned about one recording; a failed recording has only its {@link CallRecord}. */
public record ProcessedCall(CallRecord call, List<Word> words, List<Utterance> utterances,
    List<SpeechSegment> speech, List<SoundSegment> sounds, List<LoudnessPoint> loudness) implements Serializable {

  public static ProcessedCall failed(CallRecord call) {
    return new ProcessedCall(call, List.of(), List.of(), List.of(), List.of(), List.of());
  }
}

package io.callqa.ingest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** A run of one speaker's words without a long pause. Times are seconds from the start of the recording. */
public record Utterance(Speaker speaker, double startS, double endS, String text, double avgConfidence)
    implements Serializable {

  /** Words further apart than this start a new utterance. */
  public static final double MAX_PAUSE_S = 0.8;

  /**
   * Groups one speaker's words (sorted by start time) into utterances, splitting at pauses longer than
   * {@link #MAX_PAUSE_S}.
   */
  public static List<Utterance> fromWords(List<Word> words) {
    List<Utterance> out = new ArrayList<>();
    int first = 0;
    for (int i = 1; i <= words.size(); i++) {
      boolean split = i == words.size() || words.get(i).startS() - words.get(i - 1).endS() > MAX_PAUSE_S
          || words.get(i).speaker() != words.get(first).speaker();
      if (split && i > first) {
        out.add(of(words.subList(first, i)));
        first = i;
      }
    }
    return out;
  }

  private static Utterance of(List<Word> run) {
    StringBuilder text = new StringBuilder();
    double conf = 0;
    for (Word w : run) {
      if (text.length() > 0) {
        text.append(' ');
      }
      text.append(w.word());
      conf += w.confidence();
    }
    Word head = run.get(0);
    return new Utterance(head.speaker(), head.startS(), run.get(run.size() - 1).endS(), text.toString(),
        conf / run.size());
  }
}

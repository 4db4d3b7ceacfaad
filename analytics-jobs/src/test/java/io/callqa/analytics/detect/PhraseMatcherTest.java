package io.callqa.analytics.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.callqa.ingest.Speaker;
import io.callqa.ingest.Word;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real ASR output of the sample calls (Vosk small model, 8 kHz) against the phrasings of examples/rules.yaml. */
class PhraseMatcherTest {
  private static final String NOTICE = "this call may be recorded for quality and training purposes";

  private static List<Word> words(String text) {
    List<Word> out = new ArrayList<>();
    String[] w = text.split(" ");
    for (int i = 0; i < w.length; i++) {
      out.add(new Word(Speaker.AGENT, i, i + 0.5, w[i], 1, false));
    }
    return out;
  }

  @Test
  void verbatimIsSimilarityOne() {
    PhraseMatcher.Match m = PhraseMatcher.best(List.of(NOTICE), words("hello " + NOTICE + " how are you"));
    assertThat(m.similarity()).isEqualTo(1.0);
    assertThat(m.first()).isEqualTo(1);
    assertThat(m.last()).isEqualTo(10);
  }

  @Test
  void garbledAsrStillScoresAboveTheDefaultThreshold() {
    // recognised on call01 and call06 of the samples
    assertThat(PhraseMatcher.best(List.of(NOTICE),
        words("how can i help you today paul may be recorded for closure and training for to do")).similarity())
        .isGreaterThanOrEqualTo(0.6);
    assertThat(PhraseMatcher.best(List.of(NOTICE),
        words("this call may be recorded for the on training surfaces by i would like")).similarity())
        .isGreaterThanOrEqualTo(0.7);
  }

  @Test
  void unrelatedSpeechSharingCommonWordsScoresLow() {
    // call02's agent words, where the notice is absent
    PhraseMatcher.Match m = PhraseMatcher.best(List.of(NOTICE), words("thank you for calling i can be bank my name is"
        + " sarah how can i help you to date i'm sorry to hear that let me look into your account"));
    assertThat(m == null ? 0 : m.similarity()).isLessThan(0.4);
  }

  @Test
  void wordsSplitOrMergedByTheRecogniserArePaired() {
    // "purposes" heard as "their buses" (Vosk small model on 8 kHz audio), "may be" heard as "maybe"
    PhraseMatcher.Match split = PhraseMatcher.best(List.of(NOTICE),
        words("this call may be recorded for quality and training their buses"));
    PhraseMatcher.Match dropped = PhraseMatcher.best(List.of(NOTICE),
        words("this call may be recorded for quality and training"));
    assertThat(split.similarity()).isGreaterThan(dropped.similarity() + 0.05);
    assertThat(split.last()).isEqualTo(10);
    PhraseMatcher.Match merged = PhraseMatcher.best(List.of(NOTICE),
        words("this call maybe recorded for quality and training purposes"));
    assertThat(merged.similarity()).isEqualTo(1.0);
  }

  @Test
  void aPhraseIsNotMatchedAcrossALongPause() {
    List<Word> w = new ArrayList<>();
    w.add(new Word(Speaker.AGENT, 1.0, 1.3, "this", 1, false));
    w.add(new Word(Speaker.AGENT, 1.4, 1.7, "call", 1, false));
    w.add(new Word(Speaker.AGENT, 6.0, 6.3, "recorded", 1, false));
    w.add(new Word(Speaker.AGENT, 6.4, 6.7, "for", 1, false));
    w.add(new Word(Speaker.AGENT, 6.8, 7.1, "quality", 1, false));
    PhraseMatcher.Match m = PhraseMatcher.best(List.of(NOTICE), w);
    assertThat(m.first()).as("starts after the 4.3 s pause").isEqualTo(2);
    assertThat(m.similarity()).isEqualTo(0.3);
  }

  @Test
  void wordSimilarityIgnoresChanceOverlap() {
    assertThat(PhraseMatcher.wordSimilarity("purposes", "purpose")).isGreaterThan(0.8);
    assertThat(PhraseMatcher.wordSimilarity("to", "do")).isZero();
    // sound keys only for words of 4+ letters, and weaker than spelling
    assertThat(PhraseMatcher.wordSimilarity("call", "goal")).isEqualTo(PhraseMatcher.SOUND_WEIGHT);
    assertThat(PhraseMatcher.wordSimilarity("purposes", "purchases")).isGreaterThan(0.6);
  }
}

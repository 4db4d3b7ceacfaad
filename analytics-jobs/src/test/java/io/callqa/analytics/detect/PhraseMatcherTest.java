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
  void wordSimilarityIgnoresChanceOverlap() {
    assertThat(PhraseMatcher.wordSimilarity("purposes", "purpose")).isGreaterThan(0.8);
    assertThat(PhraseMatcher.wordSimilarity("to", "do")).isZero();
  }
}

package io.callqa.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callqa.audio.FeatureOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The real recogniser in grammar mode on evaluation calls (eval/, see eval/README.md): the recording notice is
 * heard nearly whole on a noisy line where the free transcript loses it, and not heard where it was never said.
 */
@Tag("slow")
class PhraseSpotterTest {
  private static final List<String> NOTICE = List.of("this call may be recorded for quality and training purposes",
      "this call is being recorded", "calls are recorded for quality and training purposes");
  private static final List<String> VERBATIM = GatedAsrWerTest.normalize(NOTICE.get(0));

  private static List<Word> listen(String file, int channel, Speaker speaker) throws Exception {
    Path wav = TestFiles.repoRoot().resolve("eval/calls").resolve(file);
    return new PhraseSpotter(null, AsrOptions.defaults(), FeatureOptions.defaults())
        .listen(() -> Files.newInputStream(wav), file, channel, speaker, NOTICE, 0, Double.MAX_VALUE);
  }

  /** How many words of {@code phrase} were heard in order (longest common subsequence). */
  private static int inOrder(List<String> phrase, List<Word> heard) {
    List<String> h = heard.stream().map(Word::word).toList();
    int[][] l = new int[phrase.size() + 1][h.size() + 1];
    for (int i = 1; i <= phrase.size(); i++) {
      for (int j = 1; j <= h.size(); j++) {
        l[i][j] = phrase.get(i - 1).equals(h.get(j - 1)) ? l[i - 1][j - 1] + 1 : Math.max(l[i - 1][j], l[i][j - 1]);
      }
    }
    return l[phrase.size()][h.size()];
  }

  @Test
  void hearsTheNoticeOnANoisyLine() throws Exception {
    // awb voice, brown noise 14 dB under the speech on both channels; the notice is said at 5.8-9.4 s
    List<Word> heard = listen("e28_notice_noise42_awb.wav", 0, Speaker.AGENT);
    System.out.println("e28 heard: " + heard.stream().map(Word::word).toList());
    assertThat(heard).allMatch(w -> w.speaker() == Speaker.AGENT);
    assertThat(heard).extracting(Word::word).allMatch(w -> w.equals("[unk]") || NOTICE.stream()
        .anyMatch(p -> p.contains(w)), "only phrase words or [unk]");
    assertThat(inOrder(VERBATIM, heard)).isGreaterThanOrEqualTo(8);
    Word recorded = heard.stream().filter(w -> w.word().equals("recorded")).findFirst().orElseThrow();
    assertThat(recorded.startS()).as("absolute time of 'recorded'").isBetween(5.8, 9.4);
  }

  @Test
  void doesNotHearANoticeThatWasNeverSaid() throws Exception {
    // e35: no notice at all (clean line); e33: a near miss, "I have recorded your new phone number for the
    // quality team"
    for (String file : List.of("e35_no_notice_hts.wav", "e33_no_notice_recorded_near_miss.wav")) {
      List<Word> heard = listen(file, 0, Speaker.AGENT);
      System.out.println(file + " heard: " + heard.stream().map(Word::word).toList());
      for (String p : NOTICE) {
        List<String> phrase = GatedAsrWerTest.normalize(p);
        assertThat(inOrder(phrase, heard)).as(file + ": " + p).isLessThanOrEqualTo(phrase.size() * 2 / 3);
      }
    }
  }

  @Test
  void aChannelTheRecordingDoesNotHaveIsAnError() {
    assertThatThrownBy(() -> listen("e20_mono_hold_no_notice.wav", 1, Speaker.CUSTOMER))
        .isInstanceOf(IOException.class).hasMessageContaining("no channel 1");
  }

  @Test
  void listensOnlyToTheRegionsInTheGivenStretch() throws Exception {
    Path wav = TestFiles.repoRoot().resolve("eval/calls/e28_notice_noise42_awb.wav");
    PhraseSpotter spotter = new PhraseSpotter(null, AsrOptions.defaults(), FeatureOptions.defaults());
    // the notice is said at 5.8-9.4 s: a stretch after it hears none of it, one around it hears it
    List<Word> late = spotter.listen(() -> Files.newInputStream(wav), "e28.wav", 0, Speaker.AGENT, NOTICE, 20, 40);
    assertThat(late).allMatch(w -> w.endS() > 18);
    assertThat(inOrder(VERBATIM, late)).isLessThan(4);
    List<Word> early = spotter.listen(() -> Files.newInputStream(wav), "e28.wav", 0, Speaker.AGENT, NOTICE, 6, 8);
    assertThat(inOrder(VERBATIM, early)).isGreaterThanOrEqualTo(8);
  }
}

package io.callqa.analytics.detect;

import static io.callqa.ingest.Speaker.AGENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.callqa.analytics.rules.Rules;
import io.callqa.ingest.Speaker;
import io.callqa.ingest.Word;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How {@link ScriptChecker} uses a second listen ({@link PhraseListener}) for a disclosure the transcript does not
 * show. The listener here plays back scripted "heard" words; the real one (Vosk in grammar mode on the recording) is
 * tested in PhraseSpotterTest and end to end in the cli's DisclosureSecondListenTest.
 */
class SecondListenTest {
  private static final Rules RULES = Calls.defaultRules();

  /** A listener that "hears" {@code text} (words 0.3 s apart from {@code at}) and records what it was asked. */
  private static final class Scripted implements PhraseListener {
    final List<String> asked = new ArrayList<>();
    final String text;
    final double at;

    Scripted(String text, double at) {
      this.text = text;
      this.at = at;
    }

    @Override
    public List<Word> listen(CallInput call, Speaker speaker, List<String> phrases, double fromS, double toS) {
      asked.add(speaker + " " + phrases.get(0) + (fromS == 0 && toS == call.durationS() ? ""
          : String.format(java.util.Locale.ROOT, " [%.0f-%.0f]", fromS, toS)));
      List<Word> out = new ArrayList<>();
      double t = at;
      for (String w : text.split(" ")) {
        out.add(new Word(speaker, t, t + 0.25, w, 1.0, false));
        t += 0.3;
      }
      return out;
    }
  }

  /** The agent's garbled notice: the transcript alone does not show it (similarity well under 0.6). */
  private static CallInput garbledNotice(double duration) {
    return Calls.stereo(duration)
        .says(AGENT, 1, 6, -30, "thank you for calling my name is sarah how can i help you")
        .says(AGENT, 7, 11, -30, "to do this for review of florida so fluffy you're trading surface").build();
  }

  private static DisclosureCheck notice(CallInput call, PhraseListener listener, Rules.SecondListen second) {
    return ScriptChecker.disclosures(call, RULES.disclosures(), second, listener).get(0);
  }

  @Test
  void aDisclosureHeardWholeOnTheSecondListenIsFoundThere() {
    Scripted heard = new Scripted("[unk] [unk] call may be recorded for quality and training purposes [unk]", 6.4);
    DisclosureCheck c = notice(garbledNotice(60), heard, RULES.secondListen());
    assertThat(heard.asked).containsExactly("AGENT this call may be recorded for quality and training purposes");
    assertThat(c.found()).isTrue();
    assertThat(c.foundBy()).isEqualTo(DisclosureCheck.SECOND_LISTEN);
    assertThat(c.similarity()).isGreaterThanOrEqualTo(0.8);
    assertThat(c.foundAtS()).as("the time of the first heard phrase word").isCloseTo(7.0, within(0.01));
    assertThat(c.inWindow()).isTrue();
    assertThat(c.matchedText()).startsWith("call may be recorded").doesNotContain("fluffy");
  }

  @Test
  void aNearMissHeardOnTheSecondListenStaysMissing() {
    // "I have recorded your new phone number for the quality team": the restricted recogniser hears some phrase
    // words (it can say nothing else), but not the notice
    Scripted heard = new Scripted("and is are recorded [unk] for quality and [unk]", 14);
    DisclosureCheck c = notice(garbledNotice(60), heard, RULES.secondListen());
    assertThat(c.found()).isFalse();
    assertThat(c.foundBy()).isNull();
    assertThat(c.note()).startsWith("not heard on a second listen either (best similarity 0.");
    assertThat(ScriptChecker.disclosureEvents(List.of(c))).singleElement()
        .satisfies(e -> assertThat(e.detail()).contains("not heard on a second listen"));
  }

  @Test
  void aLateDisclosureFoundOnTheSecondListenIsLate() {
    Scripted heard = new Scripted("this call may be recorded for quality and training purposes", 41);
    DisclosureCheck c = notice(garbledNotice(90), heard, RULES.secondListen());
    assertThat(c.found()).isTrue();
    assertThat(c.inWindow()).isFalse();
    assertThat(ScriptChecker.disclosureEvents(List.of(c))).singleElement()
        .satisfies(e -> assertThat(e.type()).isEqualTo(Event.LATE_DISCLOSURE));
  }

  @Test
  void anUnreadableRecordingKeepsTheTranscriptsVerdictAndSaysWhy() {
    PhraseListener gone = (call, speaker, phrases, from, to) -> {
      throw new PhraseListener.Unavailable("cannot read the recording file:/calls/c1.wav (no such file)", null);
    };
    DisclosureCheck c = notice(garbledNotice(60), gone, RULES.secondListen());
    assertThat(c.found()).isFalse();
    assertThat(c.note()).isEqualTo("no second listen: cannot read the recording file:/calls/c1.wav (no such file)");
  }

  @Test
  void noSecondListenWhenTheTranscriptShowsItOrTheRulesTurnItOff() {
    Scripted heard = new Scripted("this call may be recorded for quality and training purposes", 7);
    CallInput clear = Calls.stereo(60)
        .says(AGENT, 7, 11, -30, "this call may be recorded for quality and training purposes").build();
    DisclosureCheck c = notice(clear, heard, RULES.secondListen());
    assertThat(c.foundBy()).isEqualTo(DisclosureCheck.TRANSCRIPT);
    DisclosureCheck off = notice(garbledNotice(60), heard, new Rules.SecondListen(false, 0.8));
    assertThat(off.found()).isFalse();
    assertThat(off.note()).isNull();
    assertThat(heard.asked).isEmpty();
  }

  @Test
  void monoCallsAreListenedToWhole() {
    Scripted heard = new Scripted("this call may be recorded for quality and training purposes", 7);
    CallInput mono = Calls.mono(60).says(Speaker.MONO, 7, 11, -30, "to do this for review of florida").build();
    DisclosureCheck c = notice(mono, heard, RULES.secondListen());
    assertThat(heard.asked).containsExactly("MONO this call may be recorded for quality and training purposes");
    assertThat(c.found()).isTrue();
  }

  @Test
  void greetingAndClosingPartsAreListenedForInTheirOwnStretch() {
    // the transcript lost the agent's name in the greeting and the thanks in the closing (noisy line)
    CallInput call = Calls.stereo(90)
        .says(AGENT, 1, 6, -30, "then for calling acme bank how can i help you today")
        .says(AGENT, 70, 75, -30, "is there anything else i can help you with")
        .says(AGENT, 80, 84, -30, "before falling asleep okay bye").build();
    assertThat(ScriptChecker.greeting(call, RULES.greeting()).missing()).containsExactly("name");
    Scripted name = new Scripted("[unk] my name is [unk]", 2.5);
    ScriptChecker.ScriptResult g = ScriptChecker.greeting(call, RULES.greeting(), RULES.secondListen(), name);
    assertThat(g.complete()).isTrue();
    assertThat(name.asked).containsExactly("AGENT my name is [0-20]");
    // heard, but after the greeting's 20 s: still missing
    Scripted lateName = new Scripted("my name is", 25);
    assertThat(ScriptChecker.greeting(call, RULES.greeting(), RULES.secondListen(), lateName).missing())
        .containsExactly("name");
    // a generic phrase half heard does not count: the greeting's own bar and the second listen's 0.8 both apply
    Scripted half = new Scripted("[unk] you are [unk]", 2.5);
    assertThat(ScriptChecker.greeting(call, RULES.greeting(), RULES.secondListen(), half).missing())
        .containsExactly("name");

    ScriptChecker.ScriptResult closing = ScriptChecker.closing(call, RULES.closing());
    assertThat(closing.missing()).as("'before falling asleep' is not a thanks").containsExactly("thanks");
    Scripted thanks = new Scripted("thank you for calling [unk] have a great day", 80);
    assertThat(ScriptChecker.closing(call, RULES.closing(), RULES.secondListen(), thanks).complete()).isTrue();
    assertThat(thanks.asked).containsExactly("AGENT thank you for calling [45-90]");
  }
}

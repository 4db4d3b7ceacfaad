package io.callqa.analytics.detect;

import static io.callqa.ingest.Speaker.AGENT;
import static io.callqa.ingest.Speaker.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.callqa.analytics.rules.Rules;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each detector on synthetic calls built to sit just inside and just outside the default thresholds. */
class DetectorsTest {
  private static final Rules RULES = Calls.defaultRules();
  private static final String LINE = "thank you for calling how can i help";

  private static List<Event> of(CallInput call, String type) {
    return CallAnalyzer.analyze(call, RULES).events().stream().filter(e -> e.type().equals(type)).toList();
  }

  @Test
  void deadAirIsAGapOfAtLeastFiveSecondsButNotAThreeSecondPause() {
    CallInput call = Calls.stereo(40).says(AGENT, 1, 5, -30, LINE).says(CUSTOMER, 8, 12, -30, LINE)
        .says(AGENT, 18, 22, -30, LINE).says(CUSTOMER, 23, 26, -30, LINE).build();
    List<Event> dead = of(call, Event.DEAD_AIR);
    assertThat(dead).hasSize(1);
    assertThat(dead.get(0).startS()).isEqualTo(12.0);
    assertThat(dead.get(0).endS()).isEqualTo(18.0);
  }

  @Test
  void holdMusicIsNotDeadAirAndAnAskedHoldIsNotFlagged() {
    CallInput call = Calls.stereo(60)
        .says(AGENT, 1, 4, -30, "may i place you on a brief hold")
        .says(CUSTOMER, 4.5, 5.5, -30, "sure")
        .tone(AGENT, 6, 36)
        .says(AGENT, 37, 40, -30, "thank you for holding").build();
    assertThat(of(call, Event.DEAD_AIR)).isEmpty();
    List<Event> holds = of(call, Event.HOLD);
    assertThat(holds).hasSize(1);
    assertThat(holds.get(0).startS()).isCloseTo(4.0, within(0.5));
    assertThat(holds.get(0).endS()).isCloseTo(37.0, within(0.1));
    assertThat(of(call, Event.HOLD_NOT_ASKED)).isEmpty();
    assertThat(of(call, Event.LONG_HOLD)).isEmpty();
  }

  @Test
  void aHoldAskedThroughAsrErrorsIsStillAsked() {
    // "may I place you on a brief hold" as the small model heard it on a sample call, then hold music
    CallInput call = Calls.stereo(60)
        .says(AGENT, 1, 4, -30, "maybe i play few on refilled well i pull up your gown")
        .says(CUSTOMER, 4.5, 5.5, -30, "sure go ahead")
        .tone(AGENT, 6, 30)
        .says(AGENT, 31, 34, -30, "and you for holding").build();
    assertThat(of(call, Event.HOLD)).singleElement().satisfies(h -> {
      assertThat(h.startS()).isCloseTo(4.0, within(0.5));
      assertThat(h.endS()).isCloseTo(31.0, within(0.1));
    });
    assertThat(of(call, Event.HOLD_NOT_ASKED)).isEmpty();
  }

  @Test
  void announcedLongSilentHoldIsNotAskedLongAndNotRefreshed() {
    CallInput call = Calls.stereo(200)
        .says(AGENT, 1, 4, -30, "i am going to put you on hold now")
        .says(AGENT, 135, 138, -30, "thanks for waiting").build();
    assertThat(of(call, Event.HOLD)).singleElement().satisfies(h -> assertThat(h.endS()).isEqualTo(135.0));
    assertThat(of(call, Event.HOLD_NOT_ASKED)).hasSize(1);
    assertThat(of(call, Event.LONG_HOLD)).hasSize(1);
    assertThat(of(call, Event.HOLD_NO_REFRESH)).hasSize(1);
    assertThat(of(call, Event.DEAD_AIR)).as("a hold is not dead air").isEmpty();
  }

  @Test
  void overTalkNamesTheInterrupterAndIgnoresShortOverlapsAndBackchannels() {
    CallInput call = Calls.stereo(60)
        .says(AGENT, 1, 10, -30, "let me explain the steps we will follow together and how long they take")
        .says(CUSTOMER, 7, 11, -30, "i already did all of that")      // 3 s overlap: event
        .says(AGENT, 12, 20, -30, "okay so the technician will come tomorrow morning")
        .says(CUSTOMER, 15, 16.5, -30, "uh-huh okay")                  // backchannel: no event
        .says(CUSTOMER, 19.5, 22, -30, "and what time").build();      // 0.5 s overlap: no event
    List<Event> ot = of(call, Event.OVER_TALK);
    assertThat(ot).singleElement().satisfies(e -> {
      assertThat(e.interrupter()).isEqualTo("customer");
      assertThat(e.startS()).isEqualTo(7.0);
      assertThat(e.endS()).isEqualTo(10.0);
    });
  }

  @Test
  void chatterOnAPartysChannelWhileTheOtherTalksIsNotOverTalk() {
    // the agent at -28 dBFS; while the customer talks, voice activity on the agent's channel picks up colleagues
    // chatting 14 dB lower (with words the recogniser made of it); then the agent really talks over the customer
    CallInput call = Calls.stereo(60)
        .says(AGENT, 1, 6, -28, "thank you for calling my name is sarah how can i help you")
        .says(CUSTOMER, 7, 12, -30, "hi i would like to know why my bill went up")
        .says(AGENT, 7.5, 11.5, -42, "the meeting is at four")         // background chatter: no event
        .says(AGENT, 13, 20, -28, "sure let me look into that for you it was the promotion")
        .says(CUSTOMER, 21, 27, -30, "but nobody told me about that at all")
        .says(AGENT, 24, 29, -29, "i understand but the letter went out last month").build(); // 3 s: event
    assertThat(of(call, Event.OVER_TALK)).singleElement().satisfies(e -> {
      assertThat(e.interrupter()).isEqualTo("agent");
      assertThat(e.startS()).isEqualTo(24.0);
    });
  }

  @Test
  void raisedVoiceIsRelativeToTheSpeakersOwnLevelAndNeedsToBeSustained() {
    Calls c = Calls.stereo(60);
    for (int i = 0; i < 6; i++) {
      c.says(CUSTOMER, 2 + i * 6, 6 + i * 6, -38, LINE);               // a quiet customer
    }
    c.says(CUSTOMER, 40, 44, -28, "this is not acceptable at all");  // +10 dB for 4 s: event
    c.says(CUSTOMER, 46, 50, -36, LINE);                             // +2 dB bump: no event
    c.says(AGENT, 51, 55, -20, LINE);                                // a loud agent at their own level: no event
    List<Event> rv = of(c.build(), Event.RAISED_VOICE);
    assertThat(rv).singleElement().satisfies(e -> {
      assertThat(e.speaker()).isEqualTo("customer");
      assertThat(e.startS()).isCloseTo(40, within(0.3));
      assertThat(e.endS()).isCloseTo(44, within(0.3));
    });
  }

  @Test
  void clippingOrToneIsNotARaisedVoice() {
    Calls c = Calls.stereo(60);
    for (int i = 0; i < 6; i++) {
      c.says(CUSTOMER, 2 + i * 6, 6 + i * 6, -38, LINE);
    }
    c.says(CUSTOMER, 40, 44, -20, "aaaaah").clipping(CUSTOMER, 40.5, 43.5);
    c.says(CUSTOMER, 46, 50, -20, "").tone(CUSTOMER, 46, 50);
    assertThat(of(c.build(), Event.RAISED_VOICE)).isEmpty();
  }

  @Test
  void aLoudPassageWithAFewClippedSamplesIsClippingNotARaisedVoice() {
    Calls c = Calls.stereo(60);
    for (int i = 0; i < 6; i++) {
      c.says(CUSTOMER, 2 + i * 6, 6 + i * 6, -38, LINE);
    }
    c.says(CUSTOMER, 40, 44, -24, "this is way too loud for the line").clipping(CUSTOMER, 40.6, 40.61)
        .clipping(CUSTOMER, 41.0, 41.02);
    CallAnalyzer.Analysis a = CallAnalyzer.analyze(c.build(), RULES);
    assertThat(a.events()).filteredOn(e -> e.type().equals(Event.RAISED_VOICE)).isEmpty();
    assertThat(a.events()).filteredOn(e -> e.type().equals(Event.CLIPPING)).singleElement()
        .satisfies(e -> assertThat(e.startS()).isEqualTo(40.6));
  }

  @Test
  void disclosuresAreFoundDespiteAsrErrorsAndReportedMissingOrLate() {
    CallInput garbled = Calls.stereo(90).queue("collections")
        .says(AGENT, 1, 6, -30, "thank you for calling my name is sarah how can i help you")
        .says(AGENT, 7, 11, -30, "paul may be recorded for closure and training for to do")
        .says(AGENT, 70, 80, -30, "this is an attempt to collect a debt and any information obtained will be used for"
            + " that purpose").build();
    List<DisclosureCheck> checks = CallAnalyzer.analyze(garbled, RULES).disclosures();
    assertThat(checks).extracting(DisclosureCheck::disclosureId).containsExactly("recording_notice", "mini_miranda");
    assertThat(checks.get(0).found()).isTrue();
    assertThat(checks.get(0).inWindow()).isTrue();
    assertThat(checks.get(0).foundAtS()).isCloseTo(7.0, within(0.5));
    assertThat(checks.get(1).found()).isTrue();
    assertThat(checks.get(1).inWindow()).as("said after the first 60 s").isFalse();
    assertThat(of(garbled, Event.LATE_DISCLOSURE)).hasSize(1);

    CallInput absent = Calls.stereo(60)
        .says(AGENT, 1, 6, -30, "thank you for calling my name is sarah how can i help you")
        .says(AGENT, 7, 11, -30, "let me record your new address for the delivery and training").build();
    List<DisclosureCheck> none = CallAnalyzer.analyze(absent, RULES).disclosures();
    assertThat(none).as("mini_miranda applies to the collections queue only").hasSize(1);
    assertThat(none.get(0).found()).isFalse();
    assertThat(of(absent, Event.MISSING_DISCLOSURE)).hasSize(1);
  }

  @Test
  void greetingAndClosingNeedEveryPart() {
    CallInput call = Calls.stereo(60)
        .says(AGENT, 1, 4, -30, "hello how can i help you")
        .says(AGENT, 50, 55, -30, "thank you for calling have a great day").build();
    CallAnalyzer.Analysis a = CallAnalyzer.analyze(call, RULES);
    assertThat(a.summary().greetingComplete()).isFalse();
    assertThat(a.summary().greetingMissing()).isEqualTo("thanks,name");
    assertThat(a.summary().closingComplete()).isFalse();
    assertThat(a.summary().closingMissing()).isEqualTo("anything_else");
    // weights of examples/rules.yaml: greeting_incomplete 5, closing_missing 5, missing_disclosure
    // (recording_notice) 20, dead_air 5 (nobody speaks between 4 s and 50 s)
    assertThat(a.events()).extracting(Event::type).containsExactlyInAnyOrder(Event.DEAD_AIR,
        Event.MISSING_DISCLOSURE, Event.GREETING_INCOMPLETE, Event.CLOSING_MISSING);
    assertThat(a.summary().qaScore()).isEqualTo(100 - 5 - 5 - 20 - 5);
  }

  @Test
  void monoCallsHaveDeadAirButNoPerPartyMetricsOrOverTalk() {
    CallInput call = new Calls(1, 40).says(io.callqa.ingest.Speaker.MONO, 1, 10, -30, LINE)
        .says(io.callqa.ingest.Speaker.MONO, 17, 25, -30, LINE).build();
    CallAnalyzer.Analysis a = CallAnalyzer.analyze(call, RULES);
    assertThat(a.events()).extracting(Event::type).contains(Event.DEAD_AIR).doesNotContain(Event.OVER_TALK);
    assertThat(a.summary().agentTalkS()).isNull();
    assertThat(a.summary().turnCount()).isNull();
    assertThat(a.summary().nonTalkS()).isCloseTo(40 - 17, within(1e-9));
    assertThat(a.summary().eventCounts().get(Event.OVER_TALK)).isNull();
    assertThat(a.summary().eventCounts().get(Event.DEAD_AIR)).isEqualTo(1);
  }

  @Test
  void talkMetricsOfAStereoCall() {
    CallInput call = Calls.stereo(30).says(AGENT, 0, 10, -30, "one two three four five six seven eight nine ten")
        .says(CUSTOMER, 12, 17, -30, "a b c d e").says(AGENT, 18, 20, -30, "ok fine").build();
    CallSummary s = CallAnalyzer.analyze(call, RULES).summary();
    assertThat(s.agentTalkS()).isEqualTo(12.0);
    assertThat(s.customerTalkS()).isEqualTo(5.0);
    assertThat(s.agentTalkShare()).isCloseTo(12.0 / 17, within(1e-9));
    assertThat(s.turnCount()).isEqualTo(3);
    assertThat(s.longestMonologueS()).isEqualTo(10.0);
    assertThat(s.avgResponseGapS()).isCloseTo(1.5, within(1e-9));
    assertThat(s.agentWpm()).isCloseTo(12 / (12 / 60.0), within(1e-9));
  }
}

package io.callqa.analytics.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.callqa.analytics.rules.Rules;
import io.callqa.ingest.Speaker;
import io.callqa.ingest.Word;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every rule type of the rules file on real ASR output: the agent words (with their start times) that the
 * bundled Vosk small model recognised on calls of the evaluation set (eval/, 8 kHz telephone audio, several
 * voices, some under noise), as written to the {@code words} table by {@code callqa run}. Phrasings and
 * thresholds are those of examples/rules.yaml.
 */
class ScriptCheckerAsrTest {
  private static final Rules RULES = Calls.defaultRules();

  /** e09 (slt): greeting, verbatim notice, verbatim mini-Miranda garbled ("collect a debt" -> "kill accident"). */
  private static final String E09 = "thank@0.8 you@1.1 for@1.2 calling@1.4 me@2.0 back@2.1 my@2.7 name@3.0 is@3.3"
      + " maria@3.5 how@4.0 can@4.2 i@4.4 help@4.5 you@4.9 today@5.0 this@5.8 call@6.0 may@6.3 be@6.5 recorded@6.7"
      + " for@7.1 quality@7.3 and@7.9 training@8.1 purchases@8.5 this@13.6 is@13.7 an@13.9 attempt@14.0 to@14.4"
      + " kill@14.5 accident@14.8 and@15.3 any@15.5 information@15.8 obtained@16.5 will@16.9 give@17.1 you@17.3"
      + " for@17.5 that@17.7 vs@17.9 could@18.8 you@18.9 please@19.1 confirm@19.6 your@20.1 date@20.3 of@20.5"
      + " birth@20.5 is@45.9 there@46.1 anything@46.3 else@46.9 i@47.1 can@47.2 help@47.4 you@47.7 with@47.9"
      + " today@48.0 thank@51.6 you@52.0 for@52.1 calling@52.3 acme@52.7 bank@53.0 have@53.5 a@53.7 great@53.8"
      + " day@54.1";
  /** e12 (slt, brown noise -45 dBFS): "this call may be" lost, "may be" merged into "maybe". */
  private static final String E12 = "and@0.8 for@1.2 calling@1.4 my@2.7 name@3.0 is@3.3 sarah@3.5 how@3.9 can@4.1"
      + " i@4.4 help@4.4 you@4.8 today@5.0 or@6.0 maybe@6.2 recorded@6.6 for@7.1 flows@7.2 and@7.8 training@8.0"
      + " for@8.4 great@14.3 joy@14.6 disaster@15.3 plan@15.8 for@16.1 fifteen@16.5 dollars@17.0";
  /** e06 (kal16): paraphrase "please note that this call is being recorded for quality and training purposes". */
  private static final String E06 = "thank@0.8 you@1.2 for@1.4 calling@1.6 me@2.2 back@2.3 what@3.9 can@4.1 i@4.3"
      + " do@4.4 for@4.6 you@4.8 to@5.0 the@5.2 please@5.8 note@6.2 that@6.4 goal@6.6 been@6.8 recorded@7.0 for@7.5"
      + " quality@7.6 young@8.1 training@8.4 purposes@8.9 the@14.0 payment@14.1 is@14.6 due@14.8 on@15.0 friday@15.2";
  /**
   * e36 (rms, brown noise -42 dBFS): notice said late (31.1 s) and garbled; the words before it belong to another
   * sentence, 4 s earlier.
   */
  private static final String E36 = "my@3.1 name@3.2 is@3.7 vital@4.6 to@4.9 you@5.2 today@5.3 i@9.8 am@10.0"
      + " sorry@10.1 to@10.4 hear@10.6 that@10.7 yeah@24.5 okay@25.1 months@25.6 before@26.0 the@26.3 streets@26.9"
      + " hours@27.2 like@31.4 maybe@32.9 recorded@33.3 for@33.8 quality@34.1 training@35.1 purposes@35.7 no@40.0"
      + " great@46.0 day@46.4";
  /**
   * e33 (slt x0.85): no notice, but a near miss ("I have recorded your new phone number for the quality team"); the
   * greeting has no name ("and you for calling me then how can i help you today").
   */
  private static final String E33 = "and@0.8 you@1.0 for@1.2 calling@1.3 me@1.8 then@1.9 how@2.4 can@2.5 i@2.8"
      + " help@2.8 you@3.1 today@3.3 shared@7.7 what@8.0 is@8.2 a@8.4 new@8.4 number@8.6 and@13.9 here@14.1 i@14.5"
      + " have@14.6 recorded@14.7 the@15.1 only@15.1 phone@15.3 number@15.6 for@15.9 the@16.0 quality@16.1"
      + " team@16.6 yeah@21.4 image@21.8 alert@22.1 will@22.4 go@22.5 to@22.7 the@22.8 numbers@22.9 from@23.4"
      + " tomorrow@23.6 is@26.5 there@26.6 anything@26.8 else@27.3 i@27.5 can@27.6 do@27.8 for@27.9 you@28.1"
      + " thanks@30.6 for@31.0 calling@31.1 have@31.6 a@31.8 nice@31.8 day@32.1";
  /** e24 (slt x1.2): no notice; "that is our policy" heard inside "tickets cannot be were suggests". */
  private static final String E24 = "thank@0.8 you@1.2 for@1.3 calling@1.5 acme@2.0 bank@2.3 my@3.1 name@3.4 is@3.8"
      + " sarah@4.0 how@4.5 can@4.8 i@5.0 help@5.2 you@5.6 today@5.8 hi@10.4 i'm@10.6 sorry@10.9 but@11.7"
      + " tickets@12.0 cannot@12.5 be@13.0 were@13.2 suggests@13.3 that@14.1 is@14.4 our@14.6 policy@14.9 i@18.5"
      + " understand@18.7 but@19.8 the@20.0 tickets@20.2 condition@20.6 do@21.2 not@21.4 allow@21.7 and@22.0"
      + " were@22.1 found@22.3 in@22.6 any@22.7 case@23.0";
  /** e35 (festival hts): closing thanks the customer but never asks "anything else". */
  private static final String E35 = "thank@0.8 you@1.1 for@1.2 calling@1.4 me@2.0 bank@2.2 this@2.7 is@3.0 lisa@3.1"
      + " what@3.9 can@4.1 i@4.3 do@4.4 for@4.6 you@4.8 today@5.0 yes@25.8 you@26.1 can@26.2 but@26.8 please@26.9"
      + " bring@27.2 your@27.5 passport@27.7 for@28.4 driving@28.6 licence@29.1 thank@32.6 you@32.9 for@33.0"
      + " calling@33.2 acme@33.6 bank@34.0 have@34.8 a@35.0 great@35.1 day@35.4";

  private static CallInput call(String agentWords, double duration, String queue) {
    List<Word> words = new ArrayList<>();
    for (String tok : agentWords.split(" ")) {
      int at = tok.lastIndexOf('@');
      double start = Double.parseDouble(tok.substring(at + 1));
      words.add(new Word(Speaker.AGENT, start, start + 0.25, tok.substring(0, at), 0.8, false));
    }
    return new CallInput("c1", LocalDate.of(2026, 11, 25), "file:/eval/c1.wav", duration, 2, 0, "A1", queue,
        "inbound",
        List.copyOf(words), List.of(), List.of(), List.of());
  }

  private static DisclosureCheck check(CallInput call, String id) {
    return ScriptChecker.disclosures(call, RULES.disclosures()).stream().filter(d -> d.disclosureId().equals(id))
        .findFirst().orElseThrow();
  }

  @Test
  void verbatimNoticeWithAMisrecognisedWordIsFoundInItsWindow() {
    DisclosureCheck c = check(call(E09, 55.4, "collections"), "recording_notice");
    assertThat(c.found()).isTrue();
    assertThat(c.inWindow()).isTrue();
    assertThat(c.foundAtS()).isEqualTo(5.8);
    assertThat(c.matchedText()).isEqualTo("this call may be recorded for quality and training purchases");
    assertThat(c.similarity()).isGreaterThan(0.9);
  }

  @Test
  void garbledMiniMirandaIsFound() {
    DisclosureCheck c = check(call(E09, 55.4, "collections"), "mini_miranda");
    assertThat(c.found()).as("similarity %s", c.similarity()).isTrue();
    assertThat(c.foundAtS()).isEqualTo(13.6);
    assertThat(c.matchedText()).startsWith("this is an attempt to kill accident");
  }

  @Test
  void noticeWithWordsMergedByTheRecogniserIsFound() {
    // "may be" heard as "maybe": paired with both phrase words; without that the match scores 0.56 < 0.6
    DisclosureCheck c = check(call(E12, 44.5, "billing"), "recording_notice");
    assertThat(c.found()).as("similarity %s", c.similarity()).isTrue();
    assertThat(c.foundAtS()).isEqualTo(6.2);
  }

  @Test
  void paraphrasedNoticeWithMisheardWordsIsFound() {
    // "call" heard as "goal": the words differ in spelling but share their sound key (Double Metaphone KL)
    assertThat(PhraseMatcher.wordSimilarity("call", "goal")).isGreaterThan(PhraseMatcher.wordSimilarity("call",
        "gold"));
    DisclosureCheck c = check(call(E06, 53.0, "billing"), "recording_notice");
    assertThat(c.found()).isTrue();
    assertThat(c.inWindow()).isTrue();
    assertThat(c.matchedText()).contains("recorded for quality young training purposes");
  }

  @Test
  void lateNoticeIsFoundWhereItIsSaidNotAtAnEarlierSentence() {
    CallInput call = call(E36, 47.7, "billing");
    DisclosureCheck c = check(call, "recording_notice");
    assertThat(c.found()).isTrue();
    assertThat(c.foundAtS()).as("the notice starts at 31.1 s in the recording").isCloseTo(32.9, within(0.01));
    assertThat(c.inWindow()).as("window: first 30 s").isFalse();
    assertThat(ScriptChecker.disclosureEvents(List.of(c))).extracting(Event::type)
        .containsExactly(Event.LATE_DISCLOSURE);
  }

  @Test
  void nearMissWordingIsReportedMissing() {
    DisclosureCheck c = check(call(E33, 33.4, "billing"), "recording_notice");
    assertThat(c.found()).as("best similarity %s", c.similarity()).isFalse();
    assertThat(ScriptChecker.disclosureEvents(List.of(c))).extracting(Event::type)
        .containsExactly(Event.MISSING_DISCLOSURE);
  }

  @Test
  void miniMirandaAppliesToCollectionsOnly() {
    assertThat(ScriptChecker.disclosures(call(E24, 44.6, "billing"), RULES.disclosures()))
        .extracting(DisclosureCheck::disclosureId, DisclosureCheck::found)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("recording_notice", false));
  }

  @Test
  void forbiddenPhraseIsFoundInsideGarbledSpeech() {
    List<Event> events = ScriptChecker.forbidden(call(E24, 44.6, "billing"), RULES.forbiddenPhrases());
    assertThat(events).hasSize(1);
    assertThat(events.get(0).type()).isEqualTo(Event.FORBIDDEN_PHRASE);
    assertThat(events.get(0).startS()).isEqualTo(14.1);
    assertThat(events.get(0).detail()).isEqualTo("policy_refusal");
    assertThat(ScriptChecker.forbidden(call(E09, 55.4, "collections"), RULES.forbiddenPhrases())).isEmpty();
  }

  @Test
  void greetingWithoutTheAgentsNameIsIncomplete() {
    ScriptChecker.ScriptResult g = ScriptChecker.greeting(call(E33, 33.4, "billing"), RULES.greeting());
    assertThat(g.complete()).isFalse();
    assertThat(g.missing()).containsExactly("name");
    ScriptChecker.ScriptResult full = ScriptChecker.greeting(call(E09, 55.4, "collections"), RULES.greeting());
    assertThat(full.complete()).isTrue();
  }

  @Test
  void closingWithoutTheAnythingElseCheckIsMissing() {
    ScriptChecker.ScriptResult c = ScriptChecker.closing(call(E35, 36.7, "billing"), RULES.closing());
    assertThat(c.complete()).isFalse();
    assertThat(c.missing()).containsExactly("anything_else");
    assertThat(ScriptChecker.closing(call(E33, 33.4, "billing"), RULES.closing()).complete()).isTrue();
  }
}

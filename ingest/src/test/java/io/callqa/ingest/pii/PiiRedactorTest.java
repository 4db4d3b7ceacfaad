package io.callqa.ingest.pii;

import static org.assertj.core.api.Assertions.assertThat;

import io.callqa.ingest.Speaker;
import io.callqa.ingest.Word;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class PiiRedactorTest {
  private final PiiRedactor redactor = PiiRedactor.create();

  /** Words of {@code text} said by {@code who} from {@code startS}, 0.3 s each, 0.05 s apart. */
  private static List<Word> say(Speaker who, double startS, String text) {
    List<Word> out = new ArrayList<>();
    double t = startS;
    for (String w : text.split(" ")) {
      out.add(new Word(who, t, t + 0.3, w, 0.8, false));
      t += 0.35;
    }
    return out;
  }

  private static List<Word> call(List<Word>... parts) {
    List<Word> all = new ArrayList<>();
    for (List<Word> p : parts) {
      all.addAll(p);
    }
    all.sort(Comparator.comparingDouble(Word::startS));
    return all;
  }

  private static String text(List<Word> words) {
    return String.join(" ", words.stream().map(Word::word).toList());
  }

  @Test
  void replacesCardDigitsKeepingTimesSpeakerAndConfidence() {
    List<Word> in = say(Speaker.CUSTOMER, 10, "yes it's for size three two one one eight seven six six zero nine two"
        + " four saw one thanks");
    List<Word> out = redactor.redact(in);

    assertThat(text(out)).isEqualTo("yes it's " + "[REDACTED] ".repeat(16) + "thanks");
    assertThat(out).hasSize(in.size());
    for (int i = 0; i < in.size(); i++) {
      Word a = in.get(i);
      Word b = out.get(i);
      assertThat(b.speaker()).isEqualTo(a.speaker());
      assertThat(b.startS()).isEqualTo(a.startS());
      assertThat(b.endS()).isEqualTo(a.endS());
      assertThat(b.confidence()).isEqualTo(a.confidence());
      assertThat(b.redacted()).isEqualTo(b.word().equals(PiiRedactor.MASK));
    }
    assertThat(redactor.find(in)).extracting(PiiSpan::category).containsExactly(PiiCategory.CARD);
  }

  @Test
  void leavesNumbersOfNormalTalkAlone() {
    for (String s : List.of("i paid on the fifth", "it usually takes two or three days", "i've been waiting for two"
        + " weeks", "one moment please", "press one for billing or two for support", "we are open twenty four seven",
        "it costs forty nine ninety nine a month", "that's three hundred and fifty dollars",
        "we opened the account in nineteen ninety eight", "it was on the twenty first of june",
        "he's in room four oh one", "call me back in five or ten minutes")) {
      List<Word> in = say(Speaker.CUSTOMER, 0, s);
      assertThat(redactor.redact(in)).as(s).isEqualTo(in);
    }
  }

  @Test
  void aTriggerFromEitherPartyLetsShortNumbersBeRedactedForAWhile() {
    List<Word> answer = say(Speaker.CUSTOMER, 5, "it's two seven");
    assertThat(redactor.redact(answer)).as("two digits alone").isEqualTo(answer);

    List<Word> asked = call(say(Speaker.AGENT, 0, "can i have the last four of your social please"), answer);
    assertThat(text(redactor.redact(asked))).endsWith("it's [REDACTED] [REDACTED]");
    assertThat(redactor.find(asked)).extracting(PiiSpan::category).containsExactly(PiiCategory.SSN);

    List<Word> late = call(say(Speaker.AGENT, 0, "can i have the last four of your social please"),
        say(Speaker.CUSTOMER, 40, "it's two seven"));
    assertThat(text(redactor.redact(late))).as("trigger long past").endsWith("it's two seven");
  }

  @Test
  void neverRedactsTheOtherPartysWordsInsideARun() {
    List<Word> in = call(say(Speaker.CUSTOMER, 0, "four five three two one one eight seven six six zero nine"),
        List.of(new Word(Speaker.AGENT, 1.5, 1.8, "uh-huh", 0.9, false)));
    List<Word> out = redactor.redact(in);

    assertThat(out).filteredOn(w -> w.speaker() == Speaker.AGENT).extracting(Word::word).containsExactly("uh-huh");
    assertThat(out).filteredOn(w -> w.speaker() == Speaker.CUSTOMER).allMatch(Word::redacted);
  }

  @Test
  void datesAreRedactedAfterABirthTriggerOrWhenTheyAreFullDates() {
    assertThat(text(redactor.redact(say(Speaker.CUSTOMER, 0, "my date of birth is june fifth"))))
        .isEqualTo("my date of birth is [REDACTED] [REDACTED]");
    assertThat(text(redactor.redact(say(Speaker.CUSTOMER, 0, "i paid on june fifth"))))
        .isEqualTo("i paid on june fifth");
    assertThat(text(redactor.redact(say(Speaker.CUSTOMER, 0, "it's november sixth nineteen eighty five okay"))))
        .isEqualTo("it's " + "[REDACTED] ".repeat(5) + "okay");
  }

  @Test
  void spelledOutEmailAddressesAreRedacted() {
    assertThat(text(redactor.redact(say(Speaker.CUSTOMER, 0, "my email is john smith at gmail dot com thanks"))))
        .isEqualTo("my email is " + "[REDACTED] ".repeat(6) + "thanks");
    // "at" and "dot" lost by the recogniser: after "email ... is" the words up to the pause are the address
    List<Word> lost = call(say(Speaker.CUSTOMER, 0, "you can email me at or seventy seven that douglas reform"),
        say(Speaker.CUSTOMER, 6, "did you get that"));
    assertThat(text(redactor.redact(lost)))
        .isEqualTo("you can email me at " + "[REDACTED] ".repeat(6) + "did you get that");
    assertThat(text(redactor.redact(say(Speaker.CUSTOMER, 0, "i sent an email to support yesterday"))))
        .isEqualTo("i sent an email to support yesterday");
  }

  @Test
  void nothingToRedactInNothing() {
    assertThat(redactor.redact(List.of())).isEmpty();
  }

  @Test
  void aSentenceAfterByEmailIsNotAnAddress() {
    // "... a confirmation by email. Is there anything else ..." run together by the recogniser (no pause)
    List<Word> closing = say(Speaker.AGENT, 20, "you will get a confirmation by email is there anything else i can"
        + " help you with today");
    assertThat(text(redactor.redact(closing))).doesNotContain(PiiRedactor.MASK);
    List<Word> owned = say(Speaker.CUSTOMER, 40, "sure my email is john smith gmail");
    assertThat(text(redactor.redact(owned))).isEqualTo("sure my email is " + "[REDACTED] ".repeat(3).trim());
    List<Word> emailMeAt = say(Speaker.CUSTOMER, 60, "please email me at john smith gmail");
    assertThat(text(redactor.redact(emailMeAt))).endsWith("at " + "[REDACTED] ".repeat(3).trim());
  }
}

package io.callqa.analytics.rules;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * The rules file (see examples/rules.yaml), immutable and validated by {@link RulesLoader}. Times in seconds,
 * loudness in dB, similarities in [0, 1].
 *
 * @param version first 16 hex digits of the SHA-256 of the file's bytes, written as {@code rules_version}
 */
public record Rules(String version, DeadAir deadAir, Hold hold, OverTalk overTalk, RaisedVoice raisedVoice,
    Greeting greeting, Closing closing, List<Disclosure> disclosures, List<ForbiddenPhrase> forbiddenPhrases,
    QaScore qaScore, SecondListen secondListen) implements Serializable {

  public record DeadAir(double minDurationS) implements Serializable {}

  public record Hold(List<String> requestPhrases, List<String> questionCues, double minSilenceS, double musicMinS,
      double longHoldS, double refreshIntervalS) implements Serializable {}

  /**
   * @param backgroundDb sound on a party's channel this far below that party's usual speech level is background
   *     (other agents' chatter, echo or crosstalk of the other party), not the party talking over the other;
   *     optional in the file ({@link #DEFAULT_BACKGROUND_DB})
   */
  public record OverTalk(double minOverlapS, List<String> backchannels, Double backgroundDb)
      implements Serializable {
    public static final double DEFAULT_BACKGROUND_DB = 10.0;
  }

  public record RaisedVoice(double minDbAboveMedian, double minDurationS) implements Serializable {}

  public record Greeting(double withinS, List<String> thanks, List<String> name, List<String> offerHelp,
      double minSimilarity) implements Serializable {}

  public record Closing(double withinLastS, List<String> anythingElse, List<String> thanks, double minSimilarity)
      implements Serializable {}

  /**
   * A mandatory disclosure.
   *
   * @param speaker {@code agent} or {@code customer}
   * @param window where it must be said; found outside it = {@code late_disclosure}
   * @param appliesTo call metadata filter: column name ({@code queue}, {@code direction}, {@code agent_id}) to
   *     allowed values; empty = all calls
   */
  public record Disclosure(String id, String description, String speaker, List<String> phrasings, Window window,
      double minSimilarity, Map<String, List<String>> appliesTo) implements Serializable {}

  /** Exactly one of the fields is set: within the first N seconds, the last N seconds, or the first N percent. */
  public record Window(Double firstS, Double lastS, Double firstPct) implements Serializable {
    /** True when time {@code t} of a call lasting {@code durationS} is inside the window. */
    public boolean contains(double t, double durationS) {
      if (firstS != null) {
        return t <= firstS;
      }
      if (lastS != null) {
        return t >= durationS - lastS;
      }
      return t <= durationS * firstPct / 100.0;
    }
  }

  public record ForbiddenPhrase(String id, String speaker, List<String> phrases, double minSimilarity)
      implements Serializable {}

  /**
   * Listening again for a disclosure the transcript does not show: the agent's channel of the recording is
   * recognised once more with the recogniser restricted to the disclosure's phrasings' words, and the disclosure
   * counts as found when at least {@code minSimilarity} of a phrasing is heard in order. Optional in the file
   * (default {@link #DEFAULT}); {@link RulesLoader} fills in what is left out.
   */
  public record SecondListen(Boolean enabled, Double minSimilarity) implements Serializable {
    /** On, with 0.8: the restricted recogniser leans towards the phrase's words, so it must hear most of them. */
    public static final SecondListen DEFAULT = new SecondListen(true, 0.8);
  }

  /** QA score = max(0, 100 - sum over event types of weight x count). */
  public record QaScore(Map<String, Double> weights) implements Serializable {}
}

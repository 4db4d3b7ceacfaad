package io.callqa.analytics.detect;

import java.io.Serializable;

/**
 * A detected moment of a call (a row of {@code events}). Times are seconds from the start of the recording;
 * both are {@code null} for call-level findings such as a missing disclosure.
 *
 * @param speaker who (agent/customer/mono), or {@code null}
 * @param interrupter for {@code over_talk}: the party who started second
 * @param severity {@code low}, {@code medium} or {@code high}
 * @param detail human-readable specifics (thresholds, matched phrase ids), never transcript text
 */
public record Event(String type, String speaker, String interrupter, Double startS, Double endS, String severity,
    String detail) implements Serializable {

  public static final String DEAD_AIR = "dead_air";
  public static final String HOLD = "hold";
  public static final String LONG_HOLD = "long_hold";
  public static final String HOLD_NOT_ASKED = "hold_not_asked";
  public static final String HOLD_NO_REFRESH = "hold_no_refresh";
  public static final String OVER_TALK = "over_talk";
  public static final String RAISED_VOICE = "raised_voice";
  public static final String CLIPPING = "clipping";
  public static final String MISSING_DISCLOSURE = "missing_disclosure";
  public static final String LATE_DISCLOSURE = "late_disclosure";
  public static final String FORBIDDEN_PHRASE = "forbidden_phrase";
  public static final String GREETING_INCOMPLETE = "greeting_incomplete";
  public static final String CLOSING_MISSING = "closing_missing";

  /** Every type, in the order summary columns list them. */
  public static final java.util.List<String> TYPES = java.util.List.of(DEAD_AIR, HOLD, LONG_HOLD, HOLD_NOT_ASKED,
      HOLD_NO_REFRESH, OVER_TALK, RAISED_VOICE, CLIPPING, MISSING_DISCLOSURE, LATE_DISCLOSURE, FORBIDDEN_PHRASE,
      GREETING_INCOMPLETE, CLOSING_MISSING);

  public static Event span(String type, String speaker, double startS, double endS, String severity, String detail) {
    return new Event(type, speaker, null, startS, endS, severity, detail);
  }

  public static Event callLevel(String type, String speaker, String severity, String detail) {
    return new Event(type, speaker, null, null, null, severity, detail);
  }

  public double durationS() {
    return startS == null ? 0 : endS - startS;
  }
}

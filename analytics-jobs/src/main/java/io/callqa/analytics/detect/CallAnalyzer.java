package io.callqa.analytics.detect;

import io.callqa.analytics.rules.Rules;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs every detector on one call. Pure Java: no Spark, no I/O. */
public final class CallAnalyzer {
  /** The analysis of one call: its events, disclosure checks and summary. */
  public record Analysis(CallInput call, List<Event> events, List<DisclosureCheck> disclosures, CallSummary summary)
      implements Serializable {
    /** This analysis with {@link CallInput#metadataOnly()}: small enough to cache for thousands of calls. */
    public Analysis withoutInput() {
      return new Analysis(call.metadataOnly(), events, disclosures, summary);
    }
  }

  /** Event types that need the parties on separate channels; their counts are null on mono calls. */
  public static final List<String> PER_PARTY_TYPES = List.of(Event.OVER_TALK, Event.RAISED_VOICE);

  static final double CLIPPING_MERGE_S = 1.0;

  private CallAnalyzer() {}

  /** Clipped stretches per channel; clipped samples less than {@link #CLIPPING_MERGE_S} apart are one event. */
  static List<Event> clipping(CallInput call) {
    List<Event> out = new ArrayList<>();
    for (io.callqa.ingest.Speaker sp : io.callqa.ingest.Speaker.values()) {
      List<Intervals.Span> spans = call.soundsOf(sp, io.callqa.ingest.SoundSegment.CLIPPING).stream()
          .map(s -> new Intervals.Span(s.startS(), s.endS() + CLIPPING_MERGE_S)).toList();
      for (Intervals.Span u : Intervals.union(spans)) {
        out.add(Event.span(Event.CLIPPING, sp.column(), u.start(), u.end() - CLIPPING_MERGE_S, "low",
            "clipped audio"));
      }
    }
    return out;
  }

  /** The analysis of {@code call} from its tables alone (no second listen to the recording). */
  public static Analysis analyze(CallInput call, Rules rules) {
    return analyze(call, rules, null);
  }

  /**
   * The analysis of {@code call}; disclosures its transcript does not show are listened for again through
   * {@code listener} ({@code null}: not at all), as the rules' {@code second_listen} says.
   */
  public static Analysis analyze(CallInput call, Rules rules, PhraseListener listener) {
    List<Event> events = new ArrayList<>();
    List<Event> holds = HoldDetector.detect(call, rules.hold());
    events.addAll(holds);
    events.addAll(DeadAirDetector.detect(call,
        holds.stream().filter(e -> e.type().equals(Event.HOLD)).toList(), rules.deadAir()));
    events.addAll(OverTalkDetector.detect(call, rules.overTalk()));
    events.addAll(RaisedVoiceDetector.detect(call, rules.raisedVoice()));
    events.addAll(clipping(call));
    List<DisclosureCheck> checks = ScriptChecker.disclosures(call, rules.disclosures(), rules.secondListen(),
        listener);
    events.addAll(ScriptChecker.disclosureEvents(checks));
    events.addAll(ScriptChecker.forbidden(call, rules.forbiddenPhrases()));
    ScriptChecker.ScriptResult greeting = ScriptChecker.greeting(call, rules.greeting(), rules.secondListen(),
        listener);
    if (!greeting.complete()) {
      events.add(Event.callLevel(Event.GREETING_INCOMPLETE, "agent", "low", "missing: " + greeting.missing()));
    }
    ScriptChecker.ScriptResult closing = ScriptChecker.closing(call, rules.closing(), rules.secondListen(),
        listener);
    if (!closing.complete()) {
      events.add(Event.callLevel(Event.CLOSING_MISSING, "agent", "low", "missing: " + closing.missing()));
    }
    events.sort(Comparator.comparing((Event e) -> e.startS() == null ? -1 : e.startS()).thenComparing(Event::type));

    Map<String, Integer> counts = new LinkedHashMap<>();
    Map<String, Double> seconds = new LinkedHashMap<>();
    for (String t : Event.TYPES) {
      counts.put(t, 0);
      seconds.put(t, 0.0);
    }
    for (Event e : events) {
      counts.merge(e.type(), 1, Integer::sum);
      seconds.merge(e.type(), e.durationS(), Double::sum);
    }
    if (call.mono()) {
      // not measurable without separate channels: null, not zero
      for (String t : PER_PARTY_TYPES) {
        counts.put(t, null);
        seconds.put(t, null);
      }
    }
    double score = 100;
    for (Map.Entry<String, Double> w : rules.qaScore().weights().entrySet()) {
      Integer n = counts.get(w.getKey());
      score -= w.getValue() * (n == null ? 0 : n);
    }
    CallMetrics.Talk t = CallMetrics.talk(call);
    CallSummary summary = new CallSummary(call.durationS(), t.agentTalkS(), t.customerTalkS(), t.agentShare(),
        t.customerShare(), CallMetrics.nonTalkS(call), t.agentWpm(), t.customerWpm(), t.turnCount(),
        t.longestMonologueS(), t.longestMonologueSpeaker(), t.avgResponseGapS(), greeting.complete(),
        String.join(",", greeting.missing()), closing.complete(), String.join(",", closing.missing()),
        checks.size(), (int) checks.stream().filter(c -> !c.found()).count(), counts, seconds, Math.max(0, score));
    return new Analysis(call, List.copyOf(events), List.copyOf(checks), summary);
  }
}

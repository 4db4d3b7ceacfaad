package io.callqa.analytics.detect;

import io.callqa.analytics.rules.Rules;
import io.callqa.ingest.SoundSegment;
import io.callqa.ingest.Speaker;
import io.callqa.ingest.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Holds: from the end of an agent's hold request (a phrase of {@code hold.request_phrases}, fuzzily matched)
 * or the onset of hold music on the agent's channel, to the agent's next word after a silence of at least
 * {@code hold.min_silence_s}. Adds {@code long_hold}, {@code hold_not_asked} (request without a question cue)
 * and {@code hold_no_refresh} (agent away longer than the refresh interval) on the same span.
 */
public final class HoldDetector {
  static final double REQUEST_MIN_SIMILARITY = 0.75;
  static final double QUESTION_CUE_MIN_SIMILARITY = 0.75;
  /** How far before hold music the agent's last utterance may end to count as the hold request. */
  static final double REQUEST_LOOKBACK_S = 10.0;
  private static final double UTTERANCE_PAUSE_S = 0.8;

  private HoldDetector() {}

  public static List<Event> detect(CallInput call, Rules.Hold rules) {
    Speaker agent = call.agentSpeaker();
    List<Word> words = call.wordsOf(Speaker.AGENT);
    List<Event> out = new ArrayList<>();
    // 1. holds that start at a request
    List<Word> rest = words;
    while (!rest.isEmpty()) {
      PhraseMatcher.Match m = PhraseMatcher.best(rules.requestPhrases(), rest);
      if (m == null || m.similarity() < REQUEST_MIN_SIMILARITY) {
        break;
      }
      int endIdx = utteranceEnd(rest, m.last());
      int startIdx = utteranceStart(rest, m.first());
      double start = rest.get(endIdx).endS();
      Double end = nextAfterSilence(rest, endIdx, rules.minSilenceS());
      if (end != null) {
        PhraseMatcher.Match cue = PhraseMatcher.best(rules.questionCues(), rest.subList(startIdx, endIdx + 1));
        boolean asked = cue != null && cue.similarity() >= QUESTION_CUE_MIN_SIMILARITY;
        addHold(out, start, end, asked, "request", rules, agent);
      }
      rest = rest.subList(endIdx + 1, rest.size());
    }
    // 2. hold music not preceded by a recognised request: the agent's last utterance before the music (within
    //    REQUEST_LOOKBACK_S) is taken as the request, even when the ASR garbled the hold phrase itself
    for (SoundSegment tone : call.soundsOf(agent, SoundSegment.TONE)) {
      if (tone.endS() - tone.startS() < rules.musicMinS() || insideHold(out, tone.startS())) {
        continue;
      }
      Double end = words.stream().map(Word::startS).filter(t -> t >= tone.endS() - 0.5).findFirst().orElse(null);
      int before = lastWordBefore(words, tone.startS());
      boolean asked = false;
      double start = tone.startS();
      if (before >= 0 && tone.startS() - words.get(before).endS() <= REQUEST_LOOKBACK_S) {
        int first = utteranceStart(words, before);
        PhraseMatcher.Match cue = PhraseMatcher.best(rules.questionCues(), words.subList(first, before + 1));
        asked = cue != null && cue.similarity() >= QUESTION_CUE_MIN_SIMILARITY;
        start = words.get(before).endS();
      }
      addHold(out, start, end == null ? tone.endS() : end, asked, "music", rules, agent);
    }
    out.sort((a, b) -> Double.compare(a.startS(), b.startS()));
    return out;
  }

  private static void addHold(List<Event> out, double start, double end, boolean asked, String trigger,
      Rules.Hold rules, Speaker agent) {
    double len = end - start;
    String sp = agent.column();
    out.add(Event.span(Event.HOLD, sp, start, end, len > rules.longHoldS() ? "medium" : "low",
        String.format(Locale.ROOT, "hold %.1f s (started by %s)", len, trigger)));
    if (len > rules.longHoldS()) {
      out.add(Event.span(Event.LONG_HOLD, sp, start, end, "high",
          String.format(Locale.ROOT, "hold %.1f s > %.0f s", len, rules.longHoldS())));
    }
    if (!asked) {
      out.add(Event.span(Event.HOLD_NOT_ASKED, sp, start, end, "low",
          "hold announced or started without asking the customer"));
    }
    if (len > rules.refreshIntervalS()) {
      out.add(Event.span(Event.HOLD_NO_REFRESH, sp, start, end, "medium",
          String.format(Locale.ROOT, "no check-back within %.0f s", rules.refreshIntervalS())));
    }
  }

  private static boolean insideHold(List<Event> holds, double t) {
    return holds.stream().anyMatch(h -> h.type().equals(Event.HOLD) && t >= h.startS() - 1 && t <= h.endS());
  }

  private static int lastWordBefore(List<Word> w, double t) {
    int idx = -1;
    for (int i = 0; i < w.size() && w.get(i).endS() <= t; i++) {
      idx = i;
    }
    return idx;
  }

  private static int utteranceEnd(List<Word> w, int i) {
    while (i + 1 < w.size() && w.get(i + 1).startS() - w.get(i).endS() <= UTTERANCE_PAUSE_S) {
      i++;
    }
    return i;
  }

  private static int utteranceStart(List<Word> w, int i) {
    while (i > 0 && w.get(i).startS() - w.get(i - 1).endS() <= UTTERANCE_PAUSE_S) {
      i--;
    }
    return i;
  }

  /** Start of the first agent word after index {@code i} that follows a pause >= minSilence, or null. */
  private static Double nextAfterSilence(List<Word> w, int i, double minSilence) {
    for (int j = i + 1; j < w.size(); j++) {
      if (w.get(j).startS() - w.get(j - 1).endS() >= minSilence) {
        return w.get(j).startS();
      }
    }
    return null;
  }
}

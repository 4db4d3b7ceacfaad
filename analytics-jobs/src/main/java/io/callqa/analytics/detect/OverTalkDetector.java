package io.callqa.analytics.detect;

import io.callqa.analytics.rules.Rules;
import io.callqa.ingest.Speaker;
import io.callqa.ingest.SpeechSegment;
import io.callqa.ingest.Word;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code over_talk}: agent and customer speech overlapping for at least {@code over_talk.min_overlap_s}. The
 * interrupter is the party whose speech started second, while the other was mid-utterance. Overlaps in which
 * the interrupter's words are all backchannels ("uh-huh", "okay") are not events. Mono calls: none (the
 * parties cannot be separated).
 */
public final class OverTalkDetector {
  private OverTalkDetector() {}

  public static List<Event> detect(CallInput call, Rules.OverTalk rules) {
    if (call.mono()) {
      return List.of();
    }
    Set<String> backchannels = new HashSet<>();
    rules.backchannels().forEach(b -> backchannels.addAll(PhraseMatcher.tokens(b)));
    List<Event> out = new ArrayList<>();
    for (SpeechSegment a : call.speechOf(Speaker.AGENT)) {
      for (SpeechSegment c : call.speechOf(Speaker.CUSTOMER)) {
        double start = Math.max(a.startS(), c.startS());
        double end = Math.min(a.endS(), c.endS());
        if (end - start < rules.minOverlapS()) {
          continue;
        }
        Speaker interrupter = c.startS() >= a.startS() ? Speaker.CUSTOMER : Speaker.AGENT;
        SpeechSegment second = interrupter == Speaker.CUSTOMER ? c : a;
        List<Word> said = call.wordsOf(interrupter).stream()
            .filter(w -> w.endS() > second.startS() && w.startS() < second.endS()).toList();
        if (!said.isEmpty() && said.stream().allMatch(w -> backchannels.contains(PhraseMatcher.normalize(w.word())))) {
          continue;
        }
        double len = end - start;
        out.add(new Event(Event.OVER_TALK, null, interrupter.column(), start, end,
            len >= 3 ? "medium" : "low", String.format(Locale.ROOT, "overlap %.1f s, %s interrupted", len,
            interrupter.column())));
      }
    }
    out.sort((x, y) -> Double.compare(x.startS(), y.startS()));
    return out;
  }
}

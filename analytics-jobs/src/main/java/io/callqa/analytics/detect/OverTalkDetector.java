package io.callqa.analytics.detect;

import io.callqa.analytics.rules.Rules;
import io.callqa.ingest.LoudnessPoint;
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
 * the interrupter's words are all backchannels ("uh-huh", "okay") are not events, nor are overlaps where either
 * channel's median level stays {@code over_talk.background_db} below that party's usual speech level (see
 * {@link #voiceLevel}): that is background chatter, echo or crosstalk picked up by the microphone, which voice
 * activity takes for speech. Mono calls: none (the parties cannot be separated).
 */
public final class OverTalkDetector {
  private OverTalkDetector() {}

  public static List<Event> detect(CallInput call, Rules.OverTalk rules) {
    if (call.mono()) {
      return List.of();
    }
    Set<String> backchannels = new HashSet<>();
    rules.backchannels().forEach(b -> backchannels.addAll(PhraseMatcher.tokens(b)));
    Double agentVoice = voiceLevel(call, Speaker.AGENT);
    Double customerVoice = voiceLevel(call, Speaker.CUSTOMER);
    List<Event> out = new ArrayList<>();
    for (SpeechSegment a : call.speechOf(Speaker.AGENT)) {
      for (SpeechSegment c : call.speechOf(Speaker.CUSTOMER)) {
        double start = Math.max(a.startS(), c.startS());
        double end = Math.min(a.endS(), c.endS());
        if (end - start < rules.minOverlapS()) {
          continue;
        }
        if (background(call, Speaker.AGENT, agentVoice, start, end, rules)
            || background(call, Speaker.CUSTOMER, customerVoice, start, end, rules)) {
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

  /**
   * A party's usual speech level: the upper quartile of the 1-second loudness of its channel while voice activity
   * says speech, dBFS ({@code null} with fewer than four such seconds). The upper quartile, not the median: on a
   * channel with background chatter, voice activity takes the chatter for speech too, often as long as the party.
   */
  static Double voiceLevel(CallInput call, Speaker speaker) {
    List<SpeechSegment> speech = call.speechOf(speaker);
    double[] levels = call.loudness().stream().filter(p -> p.speaker() == speaker).filter(p -> {
      double centre = p.startS() + 0.5;
      return speech.stream().anyMatch(s -> centre >= s.startS() && centre <= s.endS());
    }).mapToDouble(LoudnessPoint::dbfs).sorted().toArray();
    return levels.length < 4 ? null : levels[(levels.length * 3) / 4];
  }

  /**
   * True when the median 1-second level of {@code speaker}'s channel in [start, end] is background_db below its
   * voice level: someone talking over the other party talks through the overlap at about their usual level.
   */
  private static boolean background(CallInput call, Speaker speaker, Double voice, double start, double end,
      Rules.OverTalk rules) {
    if (voice == null) {
      return false;
    }
    double[] levels = call.loudness().stream().filter(p -> p.speaker() == speaker)
        .filter(p -> p.startS() + 0.5 >= start && p.startS() + 0.5 <= end).mapToDouble(LoudnessPoint::dbfs).sorted()
        .toArray();
    return levels.length > 0 && levels[levels.length / 2] < voice - rules.backgroundDb();
  }
}

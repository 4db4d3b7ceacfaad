package io.callqa.analytics.detect;

import io.callqa.analytics.detect.Intervals.Span;
import io.callqa.analytics.rules.Rules;
import io.callqa.ingest.LoudnessPoint;
import io.callqa.ingest.SoundSegment;
import io.callqa.ingest.Speaker;
import io.callqa.ingest.SpeechSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code raised_voice}: a speaker's 1-second loudness at least {@code min_db_above_median} above that
 * speaker's median speech level in the same call (see {@link #baseline}), sustained for {@code min_duration_s}. Only windows that
 * are mostly speech count, windows touching tones never do, and an outburst within a second of clipped samples
 * is dropped (SPEC: clipping is not a raised voice). Mono calls: none (no per-speaker
 * baseline when both voices share a channel).
 */
public final class RaisedVoiceDetector {
  private static final double WINDOW_S = 1.0;
  private static final double MIN_SPEECH_FRACTION = 0.5;
  private static final double BRIDGE_S = 0.5;
  private static final double CLIPPING_GUARD_S = 1.0;

  private RaisedVoiceDetector() {}

  public static List<Event> detect(CallInput call, Rules.RaisedVoice rules) {
    if (call.mono()) {
      return List.of(); // both voices on one channel: no per-speaker baseline
    }
    List<Event> out = new ArrayList<>();
    for (Speaker sp : new Speaker[] {Speaker.AGENT, Speaker.CUSTOMER}) {
      List<Span> speech = Intervals.union(call.speechOf(sp).stream().map(s -> new Span(s.startS(), s.endS())).toList());
      List<Span> excluded = new ArrayList<>();
      call.soundsOf(sp, SoundSegment.TONE).forEach(s -> excluded.add(new Span(s.startS(), s.endS())));
      // a clipped passage is not a raised voice: its level is not measurable, and often only a few samples of a
      // loud stretch reach the ceiling, so the whole outburst near clipping is dropped (see detectRuns)
      List<Span> clipped = call.soundsOf(sp, SoundSegment.CLIPPING).stream()
          .map(s -> new Span(s.startS() - CLIPPING_GUARD_S, s.endS() + CLIPPING_GUARD_S)).toList();
      List<LoudnessPoint> voiced = new ArrayList<>();
      for (LoudnessPoint p : call.loudness()) {
        Span w = new Span(p.startS(), p.startS() + WINDOW_S);
        if (p.speaker() == sp && Intervals.covered(w, speech) >= MIN_SPEECH_FRACTION * WINDOW_S
            && excluded.stream().noneMatch(e -> Intervals.overlaps(e, w))) {
          voiced.add(p);
        }
      }
      if (voiced.size() < 4) {
        continue;
      }
      double median = baseline(call.speechOf(sp), voiced);
      double threshold = median + rules.minDbAboveMedian();
      List<Event> runs = new ArrayList<>();
      detectRuns(voiced, threshold, median, rules, sp, runs);
      runs.stream().filter(e -> clipped.stream().noneMatch(c -> Intervals.overlaps(c, new Span(e.startS(), e.endS()))))
          .forEach(out::add);
    }
    return out;
  }

  /**
   * The speaker's normal level: the median of their speech segments' levels. A median over segments rather than
   * over 1-second windows, so that one long shouted passage does not become the baseline itself; with fewer
   * than three segments, the median of the speech windows.
   */
  static double baseline(List<SpeechSegment> segments, List<LoudnessPoint> voiced) {
    double[] levels = segments.size() >= 3
        ? segments.stream().mapToDouble(SpeechSegment::meanDbfs).sorted().toArray()
        : voiced.stream().mapToDouble(LoudnessPoint::dbfs).sorted().toArray();
    return levels[levels.length / 2];
  }

  /**
   * Groups loud windows whose starts are at most {@link #BRIDGE_S} apart (a short dip between two loud words
   * does not split an outburst); a group is an event when its loud windows add up to {@code min_duration_s}.
   */
  private static void detectRuns(List<LoudnessPoint> voiced, double threshold, double median, Rules.RaisedVoice rules,
      Speaker sp, List<Event> out) {
    double hop = voiced.size() > 1 ? voiced.get(1).startS() - voiced.get(0).startS() : 0.25;
    List<LoudnessPoint> loud = voiced.stream().filter(p -> p.dbfs() >= threshold).toList();
    int i = 0;
    while (i < loud.size()) {
      int j = i;
      double peak = loud.get(i).dbfs();
      while (j + 1 < loud.size() && loud.get(j + 1).startS() - loud.get(j).startS() <= BRIDGE_S + 1e-9) {
        j++;
        peak = Math.max(peak, loud.get(j).dbfs());
      }
      if ((j - i + 1) * hop >= rules.minDurationS() - 1e-9) {
        out.add(Event.span(Event.RAISED_VOICE, sp.column(), loud.get(i).startS(), loud.get(j).startS() + WINDOW_S,
            peak - median >= rules.minDbAboveMedian() + 6 ? "high" : "medium",
            String.format(Locale.ROOT, "%.1f dB above the speaker's median speech loudness (%.1f dBFS)",
                peak - median, median)));
      }
      i = j + 1;
    }
  }
}

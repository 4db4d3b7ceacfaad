package io.callqa.analytics.detect;

import io.callqa.analytics.rules.Rules;
import io.callqa.analytics.detect.Intervals.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code dead_air}: both parties without speech for at least {@code dead_air.min_duration_s}, between two
 * moments of activity, outside holds. Tonal sound (hold music) counts as activity, so music is never dead air.
 */
public final class DeadAirDetector {
  private DeadAirDetector() {}

  public static List<Event> detect(CallInput call, List<Event> holds, Rules.DeadAir rules) {
    List<Span> activity = new ArrayList<>();
    call.speech().forEach(s -> activity.add(new Span(s.startS(), s.endS())));
    call.sounds().forEach(s -> activity.add(new Span(s.startS(), s.endS())));
    List<Span> holdSpans = holds.stream().map(h -> new Span(h.startS(), h.endS())).toList();
    List<Event> out = new ArrayList<>();
    for (Span gap : Intervals.gaps(Intervals.union(activity))) {
      if (gap.length() >= rules.minDurationS() && holdSpans.stream().noneMatch(h -> Intervals.overlaps(h, gap))) {
        String severity = gap.length() >= 3 * rules.minDurationS() ? "high"
            : gap.length() >= 2 * rules.minDurationS() ? "medium" : "low";
        out.add(Event.span(Event.DEAD_AIR, null, gap.start(), gap.end(), severity,
            String.format(Locale.ROOT, "silence %.1f s (threshold %.1f s)", gap.length(), rules.minDurationS())));
      }
    }
    return out;
  }
}

package io.callqa.analytics.detect;

import io.callqa.analytics.detect.Intervals.Span;
import io.callqa.ingest.Speaker;
import io.callqa.ingest.SpeechSegment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Talk time, speaking rate and turn-taking measures from speech segments and words. */
final class CallMetrics {
  /** Talk measures of a stereo call; all {@code null} for mono calls. */
  record Talk(Double agentTalkS, Double customerTalkS, Double agentShare, Double customerShare, Double agentWpm,
      Double customerWpm, Integer turnCount, Double longestMonologueS, String longestMonologueSpeaker,
      Double avgResponseGapS) {}

  private record Turn(Speaker speaker, double start, double end) {}

  private CallMetrics() {}

  static double nonTalkS(CallInput call) {
    List<Span> all = Intervals.union(call.speech().stream().map(s -> new Span(s.startS(), s.endS())).toList());
    return Math.max(0, call.durationS() - all.stream().mapToDouble(Span::length).sum());
  }

  static Talk talk(CallInput call) {
    if (call.mono()) {
      return new Talk(null, null, null, null, null, null, null, null, null, null);
    }
    double agent = talkS(call, Speaker.AGENT);
    double customer = talkS(call, Speaker.CUSTOMER);
    double total = agent + customer;
    List<Turn> turns = turns(call.speech());
    Turn longest = turns.stream().max(Comparator.comparingDouble(t -> t.end() - t.start())).orElse(null);
    double gapSum = 0;
    int gaps = 0;
    for (int i = 1; i < turns.size(); i++) {
      double gap = turns.get(i).start() - turns.get(i - 1).end();
      if (gap > 0) {
        gapSum += gap;
        gaps++;
      }
    }
    return new Talk(agent, customer, total == 0 ? null : agent / total, total == 0 ? null : customer / total,
        wpm(call, Speaker.AGENT, agent), wpm(call, Speaker.CUSTOMER, customer), turns.size(),
        longest == null ? null : longest.end() - longest.start(), longest == null ? null : longest.speaker().column(),
        gaps == 0 ? null : gapSum / gaps);
  }

  private static double talkS(CallInput call, Speaker s) {
    return Intervals.union(call.speechOf(s).stream().map(x -> new Span(x.startS(), x.endS())).toList())
        .stream().mapToDouble(Span::length).sum();
  }

  private static Double wpm(CallInput call, Speaker s, double talkS) {
    return talkS <= 0 ? null : call.wordsOf(s).size() / (talkS / 60.0);
  }

  /** Maximal runs of one speaker's segments with no segment of the other party starting in between. */
  private static List<Turn> turns(List<SpeechSegment> speech) {
    List<SpeechSegment> sorted = new ArrayList<>(speech);
    sorted.sort(Comparator.comparingDouble(SpeechSegment::startS));
    List<Turn> out = new ArrayList<>();
    for (SpeechSegment s : sorted) {
      Turn last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && last.speaker() == s.speaker()) {
        out.set(out.size() - 1, new Turn(s.speaker(), last.start(), Math.max(last.end(), s.endS())));
      } else {
        out.add(new Turn(s.speaker(), s.startS(), s.endS()));
      }
    }
    return out;
  }
}

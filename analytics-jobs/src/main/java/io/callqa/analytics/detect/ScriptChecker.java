package io.callqa.analytics.detect;

import io.callqa.analytics.rules.Rules;
import io.callqa.ingest.Speaker;
import io.callqa.ingest.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What was said: mandatory disclosures, greeting, closing and forbidden phrases, matched with
 * {@link PhraseMatcher} on the required speaker's words (all words on mono calls).
 */
public final class ScriptChecker {
  private ScriptChecker() {}

  /** Result of the greeting or closing check: complete, and which parts were missing. */
  public record ScriptResult(boolean complete, List<String> missing) {}

  /** Checks every disclosure that applies to the call. */
  public static List<DisclosureCheck> disclosures(CallInput call, List<Rules.Disclosure> rules) {
    List<DisclosureCheck> out = new ArrayList<>();
    for (Rules.Disclosure d : rules) {
      if (!applies(d, call)) {
        continue;
      }
      List<Word> words = call.wordsOf(Speaker.fromColumn(d.speaker()));
      PhraseMatcher.Match m = PhraseMatcher.best(d.phrasings(), words);
      boolean found = m != null && m.similarity() >= d.minSimilarity();
      double sim = m == null ? 0 : m.similarity();
      if (found) {
        double at = words.get(m.first()).startS();
        String text = words.subList(m.first(), m.last() + 1).stream().map(Word::word).collect(Collectors.joining(" "));
        out.add(new DisclosureCheck(d.id(), d.speaker(), true, at, text, sim, d.window().contains(at, call.durationS())));
      } else {
        out.add(new DisclosureCheck(d.id(), d.speaker(), false, null, null, sim, false));
      }
    }
    return out;
  }

  /** missing_disclosure / late_disclosure events for the checks. */
  public static List<Event> disclosureEvents(List<DisclosureCheck> checks) {
    List<Event> out = new ArrayList<>();
    for (DisclosureCheck c : checks) {
      if (!c.found()) {
        out.add(Event.callLevel(Event.MISSING_DISCLOSURE, c.requiredSpeaker(), "high",
            String.format(Locale.ROOT, "%s not found (best similarity %.2f)", c.disclosureId(), c.similarity())));
      } else if (!c.inWindow()) {
        out.add(Event.span(Event.LATE_DISCLOSURE, c.requiredSpeaker(), c.foundAtS(), c.foundAtS(), "medium",
            c.disclosureId() + " said outside its window"));
      }
    }
    return out;
  }

  static boolean applies(Rules.Disclosure d, CallInput call) {
    if (d.appliesTo() == null) {
      return true;
    }
    return d.appliesTo().entrySet().stream().allMatch(e -> {
      String v = switch (e.getKey()) {
        case "queue" -> call.queue();
        case "direction" -> call.direction();
        case "agent_id" -> call.agentId();
        default -> null;
      };
      return v != null && e.getValue().contains(v);
    });
  }

  public static ScriptResult greeting(CallInput call, Rules.Greeting g) {
    List<Word> opening = call.wordsOf(Speaker.AGENT).stream().filter(w -> w.startS() <= g.withinS()).toList();
    List<String> missing = new ArrayList<>();
    check(opening, g.thanks(), g.minSimilarity(), "thanks", missing);
    check(opening, g.name(), g.minSimilarity(), "name", missing);
    check(opening, g.offerHelp(), g.minSimilarity(), "offer_help", missing);
    return new ScriptResult(missing.isEmpty(), missing);
  }

  public static ScriptResult closing(CallInput call, Rules.Closing c) {
    double from = call.durationS() - c.withinLastS();
    List<Word> end = call.wordsOf(Speaker.AGENT).stream().filter(w -> w.startS() >= from).toList();
    List<String> missing = new ArrayList<>();
    check(end, c.anythingElse(), c.minSimilarity(), "anything_else", missing);
    check(end, c.thanks(), c.minSimilarity(), "thanks", missing);
    return new ScriptResult(missing.isEmpty(), missing);
  }

  private static void check(List<Word> words, List<String> phrases, double min, String part, List<String> missing) {
    PhraseMatcher.Match m = PhraseMatcher.best(phrases, words);
    if (m == null || m.similarity() < min) {
      missing.add(part);
    }
  }

  public static List<Event> forbidden(CallInput call, List<Rules.ForbiddenPhrase> rules) {
    List<Event> out = new ArrayList<>();
    for (Rules.ForbiddenPhrase f : rules) {
      List<Word> words = call.wordsOf(Speaker.fromColumn(f.speaker()));
      while (!words.isEmpty()) {
        PhraseMatcher.Match m = PhraseMatcher.best(f.phrases(), words);
        if (m == null || m.similarity() < f.minSimilarity()) {
          break;
        }
        out.add(Event.span(Event.FORBIDDEN_PHRASE, f.speaker(), words.get(m.first()).startS(),
            words.get(m.last()).endS(), "high", f.id()));
        words = words.subList(m.last() + 1, words.size());
      }
    }
    return out;
  }
}

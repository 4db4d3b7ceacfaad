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

  /** Checks every disclosure that applies to the call in its transcript only (no second listen). */
  public static List<DisclosureCheck> disclosures(CallInput call, List<Rules.Disclosure> rules) {
    return disclosures(call, rules, null, null);
  }

  /**
   * Checks every disclosure that applies to the call: in the transcript, and for one the transcript does not
   * show, by listening to the recording again ({@code listener}, when given and {@code second} is enabled).
   */
  public static List<DisclosureCheck> disclosures(CallInput call, List<Rules.Disclosure> rules,
      Rules.SecondListen second, PhraseListener listener) {
    List<DisclosureCheck> out = new ArrayList<>();
    for (Rules.Disclosure d : rules) {
      if (!applies(d, call)) {
        continue;
      }
      Speaker speaker = Speaker.fromColumn(d.speaker());
      List<Word> words = call.wordsOf(speaker);
      PhraseMatcher.Match m = PhraseMatcher.best(d.phrasings(), words);
      double sim = m == null ? 0 : m.similarity();
      if (m != null && sim >= d.minSimilarity()) {
        out.add(found(d, call, words, m, DisclosureCheck.TRANSCRIPT));
        continue;
      }
      String note = null;
      if (listener != null && second != null && second.enabled()) {
        try {
          List<Word> heard = listener.listen(call, call.mono() ? Speaker.MONO : speaker, d.phrasings());
          PhraseMatcher.Match m2 = PhraseMatcher.best(d.phrasings(), heard);
          if (m2 != null && m2.similarity() >= second.minSimilarity()) {
            out.add(found(d, call, heard, m2, DisclosureCheck.SECOND_LISTEN));
            continue;
          }
          note = String.format(Locale.ROOT, "not heard on a second listen either (best similarity %.2f)",
              m2 == null ? 0 : m2.similarity());
        } catch (PhraseListener.Unavailable e) {
          note = "no second listen: " + e.getMessage();
        }
      }
      out.add(new DisclosureCheck(d.id(), d.speaker(), false, null, null, sim, false, null, note));
    }
    return out;
  }

  private static DisclosureCheck found(Rules.Disclosure d, CallInput call, List<Word> words, PhraseMatcher.Match m,
      String by) {
    double at = words.get(m.first()).startS();
    String text = words.subList(m.first(), m.last() + 1).stream().map(Word::word).collect(Collectors.joining(" "));
    return new DisclosureCheck(d.id(), d.speaker(), true, at, text, m.similarity(),
        d.window().contains(at, call.durationS()), by, null);
  }

  /** missing_disclosure / late_disclosure events for the checks. */
  public static List<Event> disclosureEvents(List<DisclosureCheck> checks) {
    List<Event> out = new ArrayList<>();
    for (DisclosureCheck c : checks) {
      if (!c.found()) {
        out.add(Event.callLevel(Event.MISSING_DISCLOSURE, c.requiredSpeaker(), "high",
            String.format(Locale.ROOT, "%s not found (best similarity %.2f)%s", c.disclosureId(), c.similarity(),
                c.note() == null ? "" : "; " + c.note())));
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

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
      Heard h = find(call, speaker, d.phrasings(), call.wordsOf(speaker), d.minSimilarity(), 0, call.durationS(),
          second, listener);
      if (h.found()) {
        double at = h.words().get(h.match().first()).startS();
        String text = h.words().subList(h.match().first(), h.match().last() + 1).stream().map(Word::word)
            .collect(Collectors.joining(" "));
        out.add(new DisclosureCheck(d.id(), d.speaker(), true, at, text, h.match().similarity(),
            d.window().contains(at, call.durationS()), h.by(), null));
      } else {
        out.add(new DisclosureCheck(d.id(), d.speaker(), false, null, null, h.similarity(), false, null, h.note()));
      }
    }
    return out;
  }

  /**
   * The outcome of looking for phrases: {@code by} = {@link DisclosureCheck#TRANSCRIPT} or
   * {@link DisclosureCheck#SECOND_LISTEN} when found (then {@code match} indexes {@code words}), null when not
   * found; {@code match} is then the transcript's best (or null) and {@code note} says what the second listen did.
   */
  private record Heard(PhraseMatcher.Match match, List<Word> words, String by, String note) {
    boolean found() {
      return by != null;
    }

    double similarity() {
      return match == null ? 0 : match.similarity();
    }
  }

  /**
   * Looks for {@code phrases} in {@code words} (the speaker's transcript, already limited to [fromS, toS]); when
   * no match reaches {@code min} and a second listen is allowed, listens to the speaker's channel in that
   * stretch with the recogniser restricted to the phrases' words, where a match must reach the larger of
   * {@code min} and the second listen's own bar.
   */
  private static Heard find(CallInput call, Speaker speaker, List<String> phrases, List<Word> words, double min,
      double fromS, double toS, Rules.SecondListen second, PhraseListener listener) {
    PhraseMatcher.Match m = PhraseMatcher.best(phrases, words);
    if (m != null && m.similarity() >= min) {
      return new Heard(m, words, DisclosureCheck.TRANSCRIPT, null);
    }
    if (listener == null || second == null || !second.enabled()) {
      return new Heard(m, words, null, null);
    }
    try {
      List<Word> heard = listener.listen(call, call.mono() ? Speaker.MONO : speaker, phrases, fromS, toS).stream()
          .filter(w -> w.startS() >= fromS && w.startS() <= toS).toList();
      PhraseMatcher.Match m2 = PhraseMatcher.best(phrases, heard);
      if (m2 != null && m2.similarity() >= Math.max(min, second.minSimilarity())) {
        return new Heard(m2, heard, DisclosureCheck.SECOND_LISTEN, null);
      }
      return new Heard(m, words, null, String.format(Locale.ROOT,
          "not heard on a second listen either (best similarity %.2f)", m2 == null ? 0 : m2.similarity()));
    } catch (PhraseListener.Unavailable e) {
      return new Heard(m, words, null, "no second listen: " + e.getMessage());
    }
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

  /** The agent's greeting in the transcript only (no second listen). */
  public static ScriptResult greeting(CallInput call, Rules.Greeting g) {
    return greeting(call, g, null, null);
  }

  /**
   * The agent's greeting: thanks, name and offer of help within its first {@code within_s} seconds; a part the
   * transcript does not show is listened for again there ({@code listener}, when given and enabled).
   */
  public static ScriptResult greeting(CallInput call, Rules.Greeting g, Rules.SecondListen second,
      PhraseListener listener) {
    Part p = new Part(call, 0, g.withinS(), g.minSimilarity(), second, listener);
    p.check(g.thanks(), "thanks");
    p.check(g.name(), "name");
    p.check(g.offerHelp(), "offer_help");
    return new ScriptResult(p.missing.isEmpty(), p.missing);
  }

  /** The agent's closing in the transcript only (no second listen). */
  public static ScriptResult closing(CallInput call, Rules.Closing c) {
    return closing(call, c, null, null);
  }

  /** The agent's closing (anything-else question and thanks) in the last {@code within_last_s} seconds. */
  public static ScriptResult closing(CallInput call, Rules.Closing c, Rules.SecondListen second,
      PhraseListener listener) {
    Part p = new Part(call, call.durationS() - c.withinLastS(), call.durationS(), c.minSimilarity(), second,
        listener);
    p.check(c.anythingElse(), "anything_else");
    p.check(c.thanks(), "thanks");
    return new ScriptResult(p.missing.isEmpty(), p.missing);
  }

  /** The parts of a greeting or closing: the agent's words in [fromS, toS], and the parts not found there. */
  private static final class Part {
    private final CallInput call;
    private final double fromS;
    private final double toS;
    private final double min;
    private final Rules.SecondListen second;
    private final PhraseListener listener;
    private final List<Word> words;
    private final List<String> missing = new ArrayList<>();

    Part(CallInput call, double fromS, double toS, double min, Rules.SecondListen second, PhraseListener listener) {
      this.call = call;
      this.fromS = fromS;
      this.toS = toS;
      this.min = min;
      this.second = second;
      this.listener = listener;
      this.words = call.wordsOf(Speaker.AGENT).stream().filter(w -> w.startS() >= fromS && w.startS() <= toS)
          .toList();
    }

    void check(List<String> phrases, String part) {
      if (!find(call, Speaker.AGENT, phrases, words, min, fromS, toS, second, listener).found()) {
        missing.add(part);
      }
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

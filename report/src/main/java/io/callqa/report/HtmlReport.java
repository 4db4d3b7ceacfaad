package io.callqa.report;

import io.callqa.analytics.detect.Event;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link NightReport} as one self-contained HTML page: inline CSS and inline SVG charts, no script,
 * no font or image from anywhere else, so it opens offline and prints cleanly. Every value from the tables is
 * HTML-escaped. Pure Java: no Spark.
 */
public final class HtmlReport {
  /** Shown instead of a word that PII redaction replaced. */
  public static final String REDACTED = "[REDACTED]";
  /** Gaps between snippet words at least this long are shown as a marker with their length. */
  static final double GAP_MARK_S = 2.0;

  private static final Map<String, String> LABELS = Map.ofEntries(Map.entry(Event.DEAD_AIR, "Dead air"),
      Map.entry(Event.HOLD, "Hold"), Map.entry(Event.LONG_HOLD, "Long hold"),
      Map.entry(Event.HOLD_NOT_ASKED, "Hold not asked"), Map.entry(Event.HOLD_NO_REFRESH, "Hold without refresh"),
      Map.entry(Event.OVER_TALK, "Over-talk"), Map.entry(Event.RAISED_VOICE, "Raised voice"),
      Map.entry(Event.CLIPPING, "Clipping"), Map.entry(Event.MISSING_DISCLOSURE, "Missing disclosure"),
      Map.entry(Event.LATE_DISCLOSURE, "Late disclosure"), Map.entry(Event.FORBIDDEN_PHRASE, "Forbidden phrase"),
      Map.entry(Event.GREETING_INCOMPLETE, "Greeting incomplete"),
      Map.entry(Event.CLOSING_MISSING, "Closing incomplete"));
  private static final Map<String, String> COLORS = Map.ofEntries(Map.entry(Event.DEAD_AIR, "#3b6fd8"),
      Map.entry(Event.OVER_TALK, "#3b6fd8"), Map.entry(Event.RAISED_VOICE, "#3b6fd8"),
      Map.entry(Event.CLIPPING, "#7d8ba1"), Map.entry(Event.HOLD, "#7a5bc7"), Map.entry(Event.LONG_HOLD, "#7a5bc7"),
      Map.entry(Event.HOLD_NOT_ASKED, "#7a5bc7"), Map.entry(Event.HOLD_NO_REFRESH, "#7a5bc7"),
      Map.entry(Event.MISSING_DISCLOSURE, "#c8372d"), Map.entry(Event.LATE_DISCLOSURE, "#c8372d"),
      Map.entry(Event.FORBIDDEN_PHRASE, "#c8372d"), Map.entry(Event.GREETING_INCOMPLETE, "#d98a14"),
      Map.entry(Event.CLOSING_MISSING, "#d98a14"));
  private static final DateTimeFormatter GENERATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'",
      Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter NIGHT = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);

  private HtmlReport() {}

  /** The whole page. */
  public static String render(NightReport r) {
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>callqa nightly QA report \u2014 ").append(r.date()).append("</title>\n<style>")
        .append(CSS).append("</style>\n</head>\n<body>\n");
    header(h, r);
    h.append("<main>\n");
    summary(h, r);
    charts(h, r);
    flagged(h, r);
    disclosures(h, r);
    agents(h, r);
    failed(h, r);
    h.append("</main>\n<footer>callqa ").append(escape(r.output())).append(" \u00b7 night ").append(r.date())
        .append(" \u00b7 tables: calls, events, disclosure_checks, call_summary, agent_daily, words")
        .append("</footer>\n</body>\n</html>\n");
    return h.toString();
  }

  private static void header(StringBuilder h, NightReport r) {
    h.append("<header class=\"top\"><div><div class=\"brand\">callqa</div><h1>Nightly QA report</h1>")
        .append("<div class=\"night\" id=\"night\" data-date=\"").append(r.date()).append("\">Night of ")
        .append(escape(NIGHT.format(r.date()))).append("</div></div>")
        .append("<dl class=\"meta\"><dt>Generated</dt><dd>").append(GENERATED.format(r.generatedAt()))
        .append("</dd><dt>Tables</dt><dd>").append(escape(r.output())).append("</dd><dt>Rules version</dt><dd>")
        .append(r.rulesVersions().isEmpty() ? "\u2014" : escape(String.join(", ", r.rulesVersions())))
        .append("</dd></dl></header>\n")
        .append("<p class=\"notice\">Contains transcript excerpts of customer calls (personal data). For QA"
            + " supervisors only: do not forward or store outside the QA system.</p>\n");
  }

  private static void summary(StringBuilder h, NightReport r) {
    NightReport.Totals t = r.totals();
    h.append("<section id=\"summary\"><h2>Summary</h2><div class=\"cards\">");
    card(h, "calls", Long.toString(t.calls()), "recordings", t.ok() + " ok \u00b7 " + t.failed() + " failed", "");
    card(h, "failed", Long.toString(t.failed()), "failed recordings",
        t.failed() == 0 ? "all decoded and transcribed" : "see the list at the end", t.failed() > 0 ? "bad" : "");
    card(h, "audio-hours", fmt(t.audioSeconds() / 3600, 2) + " h", "audio analysed",
        fmt(t.audioSeconds() / 60, 1) + " min in " + t.ok() + " calls", "");
    card(h, "avg-qa-score", t.avgQaScore() == null ? "\u2014" : fmt(t.avgQaScore(), 1), "average QA score",
        "over " + t.analysed() + " analysed calls", t.avgQaScore() == null ? "" : scoreClass(t.avgQaScore()));
    card(h, "flagged", Long.toString(r.flaggedTotal()), "flagged calls", "of " + t.analysed() + " analysed",
        r.flaggedTotal() > 0 ? "warn" : "");
    card(h, "events", Long.toString(t.events()), "events", eventTypesPresent(r) + " types", "");
    h.append("</div></section>\n");
  }

  private static long eventTypesPresent(NightReport r) {
    return r.eventsByType().stream().filter(c -> c.count() > 0).count();
  }

  private static void card(StringBuilder h, String metric, String value, String label, String sub, String cls) {
    h.append("<div class=\"card ").append(cls).append("\" data-metric=\"").append(metric)
        .append("\"><div class=\"value\">").append(escape(value)).append("</div><div class=\"label\">")
        .append(escape(label)).append("</div><div class=\"sub\">").append(escape(sub)).append("</div></div>");
  }

  private static void charts(StringBuilder h, NightReport r) {
    h.append("<section id=\"charts\"><h2>Events and distributions</h2><div class=\"charts\">");
    List<SvgCharts.Bar> bars = new ArrayList<>();
    for (NightReport.TypeCount c : r.eventsByType()) {
      bars.add(new SvgCharts.Bar(label(c.type()), c.count(), COLORS.getOrDefault(c.type(), "#5b6b82")));
    }
    h.append("<figure class=\"chart wide\" id=\"chart-events\"><figcaption>Events by type</figcaption>")
        .append(SvgCharts.horizontalBars("Events by type", bars, 760))
        .append("<div class=\"legend\"><span style=\"--c:#3b6fd8\">acoustic</span><span style=\"--c:#7a5bc7\">hold"
            + "</span><span style=\"--c:#c8372d\">compliance</span><span style=\"--c:#d98a14\">script</span>"
            + "</div></figure>");
    h.append("<figure class=\"chart\"><figcaption>Event counts and time</figcaption>")
        .append("<table class=\"compact\" id=\"events-by-type\"><thead><tr><th>Event type</th>")
        .append("<th class=\"num\">Events</th><th class=\"num\">Total time</th></tr></thead><tbody>");
    for (NightReport.TypeCount c : r.eventsByType()) {
      if (c.count() > 0) {
        h.append("<tr data-type=\"").append(escape(c.type())).append("\"><td>").append(escape(label(c.type())))
            .append("</td><td class=\"num\">").append(c.count()).append("</td><td class=\"num\">")
            .append(c.seconds() > 0 ? duration(c.seconds()) : "\u2014").append("</td></tr>");
      }
    }
    if (r.totals().events() == 0) {
      h.append("<tr><td colspan=\"3\" class=\"empty\">No events this night.</td></tr>");
    }
    h.append("</tbody></table></figure>");
    for (NightReport.Histogram hist : r.histograms()) {
      List<SvgCharts.Bar> cols = new ArrayList<>();
      for (NightReport.Bin b : hist.bins()) {
        cols.add(new SvgCharts.Bar(b.label(), b.count(), "qa-score".equals(hist.id()) ? "#2f8f6b" : "#3b6fd8"));
      }
      h.append("<figure class=\"chart\" id=\"chart-").append(escape(hist.id())).append("\"><figcaption>")
          .append(escape(hist.title())).append(" <span class=\"muted\">(").append(hist.total()).append(' ')
          .append(escape(hist.total() == 1 ? singular(hist.axisLabel()) : hist.axisLabel()))
          .append(")</span></figcaption>")
          .append(SvgCharts.columns(hist.title(), cols, 380, 190)).append("</figure>");
    }
    h.append("</div></section>\n");
  }

  private static void flagged(StringBuilder h, NightReport r) {
    h.append("<section id=\"flagged\"><h2>Flagged calls <span class=\"pill\">").append(r.flaggedTotal())
        .append("</span></h2>");
    h.append("<p class=\"hint\">A call is flagged when it lost QA points (score below 100) or has a high-severity"
        + " event. Most severe first: lowest QA score (the rules weigh each event type), then most high, then most"
        + " medium events. Times are minutes:seconds from the start of the recording; "
        + "<mark class=\"in\">highlighted</mark> words fall inside the event.</p>");
    if (r.flagged().size() < r.flaggedTotal()) {
      h.append("<p class=\"truncated\" id=\"flagged-truncated\">Showing the ").append(r.flagged().size())
          .append(" most severe of ").append(r.flaggedTotal())
          .append(" flagged calls. Run <code>callqa report --top N</code> to show more.</p>");
    }
    if (r.flagged().isEmpty()) {
      h.append("<p class=\"empty\">No flagged calls this night.</p>");
    }
    int rank = 1;
    for (NightReport.FlaggedCall c : r.flagged()) {
      call(h, c, rank++);
    }
    h.append("</section>\n");
  }

  private static void call(StringBuilder h, NightReport.FlaggedCall c, int rank) {
    h.append("<article class=\"call\" data-call-id=\"").append(escape(c.callId())).append("\">")
        .append("<div class=\"call-head\"><span class=\"rank\">").append(rank).append("</span>")
        .append("<div class=\"call-id\"><div class=\"file\">").append(escape(c.file())).append("</div>")
        .append("<div class=\"muted small\">agent <b class=\"agent\">").append(escape(orDash(c.agentId())))
        .append("</b> \u00b7 queue ").append(escape(orDash(c.queue()))).append(" \u00b7 ")
        .append(c.durationS() == null ? "\u2014" : clock(c.durationS())).append(" \u00b7 call ")
        .append(escape(c.callId())).append("</div></div><div class=\"counts\">");
    sevCount(h, "high", c.high());
    sevCount(h, "medium", c.medium());
    sevCount(h, "low", c.low());
    h.append("</div><div class=\"score ").append(scoreClass(c.qaScore())).append("\"><span class=\"qa\">")
        .append(fmt(c.qaScore(), 0)).append("</span><span class=\"small\">QA score</span></div></div>");
    h.append("<table class=\"events\"><thead><tr><th>Severity</th><th>Event</th><th>When</th><th>Who</th>"
        + "<th>Detail and transcript</th></tr></thead><tbody>");
    for (NightReport.FlaggedEvent e : c.events()) {
      h.append("<tr class=\"event\" data-type=\"").append(escape(e.type())).append("\"><td><span class=\"sev ")
          .append(sevClass(e.severity())).append("\">").append(escape(e.severity())).append("</span></td>")
          .append("<td class=\"type\">").append(escape(label(e.type()))).append("</td><td class=\"when\">")
          .append(when(e)).append("</td><td class=\"who\">").append(escape(who(e))).append("</td><td>");
      if (e.detail() != null && !e.detail().isEmpty()) {
        h.append("<div class=\"detail\">").append(escape(e.detail())).append("</div>");
      }
      snippet(h, e);
      h.append("</td></tr>");
    }
    h.append("</tbody></table>");
    if (c.events().size() < c.eventsTotal()) {
      h.append("<p class=\"truncated small\">").append(c.eventsTotal() - c.events().size())
          .append(" more events of this call are in the events table.</p>");
    }
    h.append("</article>\n");
  }

  private static void sevCount(StringBuilder h, String sev, long n) {
    h.append("<span class=\"sev-count ").append(n == 0 ? "none" : sevClass(sev)).append("\" title=\"").append(sev)
        .append(" events\">").append(n).append(' ').append(sev).append("</span>");
  }

  /** A run of one speaker's snippet words without a pause of {@link #RUN_PAUSE_S} (like an utterance). */
  private record Run(String speaker, double startS, List<NightReport.SnippetWord> words) {
    double lastStartS() {
      return words.get(words.size() - 1).startS();
    }
  }

  /** Words of one speaker further apart than this start a new line of the snippet. */
  static final double RUN_PAUSE_S = 1.5;

  /**
   * The transcript around an event, one line per run of a speaker's words, lines in order of their start. The
   * two parties' lines may overlap in time (over-talk); a pause of {@link #GAP_MARK_S} or more between lines is
   * shown with its length.
   */
  private static void snippet(StringBuilder h, NightReport.FlaggedEvent e) {
    if (e.snippet().isEmpty()) {
      if (e.startS() != null) {
        h.append("<div class=\"snippet none\">No words recognised around this moment.</div>");
      }
      return;
    }
    List<Run> runs = new ArrayList<>();
    Map<String, Run> open = new java.util.HashMap<>();
    for (NightReport.SnippetWord w : e.snippet()) {
      Run run = open.get(w.speaker());
      if (run == null || w.startS() - run.lastStartS() > RUN_PAUSE_S) {
        run = new Run(w.speaker(), w.startS(), new ArrayList<>());
        runs.add(run);
        open.put(w.speaker(), run);
      }
      run.words().add(w);
    }
    h.append("<div class=\"snippet\">");
    double heardUntil = Double.NaN;
    for (Run run : runs) {
      if (!Double.isNaN(heardUntil) && run.startS() - heardUntil >= GAP_MARK_S) {
        h.append("<div class=\"gap\">\u22ef ").append(fmt(run.startS() - heardUntil, 0)).append(" s \u22ef</div>");
      }
      h.append("<div class=\"line\"><span class=\"ts\">").append(clock(run.startS()))
          .append("</span> <span class=\"who ").append(escape(run.speaker())).append("\">")
          .append(escape(capitalize(run.speaker()))).append("</span> <span class=\"words\">");
      boolean first = true;
      for (NightReport.SnippetWord w : run.words()) {
        if (!first) {
          h.append(' ');
        }
        first = false;
        String text = w.redacted() ? REDACTED : w.word();
        if (w.inEvent()) {
          h.append("<mark class=\"in").append(w.redacted() ? " redacted" : "").append("\">").append(escape(text))
              .append("</mark>");
        } else if (w.redacted()) {
          h.append("<span class=\"redacted\">").append(escape(text)).append("</span>");
        } else {
          h.append(escape(text));
        }
      }
      h.append("</span></div>");
      heardUntil = Double.isNaN(heardUntil) ? run.lastStartS() : Math.max(heardUntil, run.lastStartS());
    }
    h.append("</div>");
  }

  private static void disclosures(StringBuilder h, NightReport r) {
    h.append("<section id=\"disclosures\"><h2>Disclosure compliance</h2>")
        .append("<p class=\"hint\">Per rule: calls the disclosure applied to, said inside its window, said late"
            + " (outside the window), and not found. Compliance = said in window / applicable. 2nd listen: of the"
            + " found ones, those the transcript did not show and a second listen to the recording found.</p>")
        .append("<table class=\"data\"><thead><tr><th>Disclosure</th><th>Said by</th><th class=\"num\">Applicable"
            + "</th><th class=\"num\">In window</th><th class=\"num\">Late</th><th class=\"num\">Missing</th>"
            + "<th class=\"num\">2nd listen</th><th>Compliance</th></tr></thead><tbody>");
    for (NightReport.DisclosureRule d : r.disclosures()) {
      double pct = d.applicable() == 0 ? 0 : 100.0 * d.inWindow() / d.applicable();
      h.append("<tr class=\"rule\" data-rule=\"").append(escape(d.disclosureId())).append("\"><td class=\"id\">")
          .append(escape(d.disclosureId())).append("</td><td>").append(escape(d.requiredSpeaker()))
          .append("</td><td class=\"num applicable\">").append(d.applicable()).append("</td><td class=\"num in-window\">")
          .append(d.inWindow()).append("</td><td class=\"num late").append(d.late() > 0 ? " warn-text" : "")
          .append("\">").append(d.late()).append("</td><td class=\"num missing")
          .append(d.missing() > 0 ? " bad-text" : "").append("\">").append(d.missing())
          .append("</td><td class=\"num second-listen\">").append(d.bySecondListen())
          .append("</td><td><div class=\"meter\"><div class=\"fill ").append(pct >= 100 ? "good" : pct >= 80 ? "warn"
              : "bad").append("\" style=\"width:").append(fmt(pct, 1)).append("%\"></div></div><span class=\"pct\">")
          .append(fmt(pct, 0)).append("%</span></td></tr>");
    }
    if (r.disclosures().isEmpty()) {
      h.append("<tr><td colspan=\"8\" class=\"empty\">No disclosure applied to any call this night.</td></tr>");
    }
    h.append("</tbody></table></section>\n");
  }

  private static void agents(StringBuilder h, NightReport r) {
    h.append("<section id=\"agents\"><h2>Agents</h2><p class=\"hint\">From <code>agent_daily</code>, lowest average"
        + " QA score first. Talk share and words per minute are averages over stereo calls.</p>");
    if (r.agents().size() < r.agentsTotal()) {
      h.append("<p class=\"truncated\">Showing ").append(r.agents().size()).append(" of ").append(r.agentsTotal())
          .append(" agents; the rest are in the agent_daily table.</p>");
    }
    h.append("<table class=\"data\"><thead><tr><th>Agent</th><th class=\"num\">Calls</th><th class=\"num\">Audio</th>"
        + "<th class=\"num\">Avg QA</th><th class=\"num\">Talk share</th><th class=\"num\">Words/min</th>"
        + "<th class=\"num\">Greeting ok</th><th class=\"num\">Closing ok</th><th class=\"num\">Discl. missing"
        + "</th><th class=\"num\">Dead air</th><th class=\"num\">Over-talk</th><th class=\"num\">Raised voice</th>"
        + "<th class=\"num\">Long holds</th></tr></thead><tbody>");
    for (NightReport.AgentRow a : r.agents()) {
      h.append("<tr class=\"agent\" data-agent=\"").append(escape(orDash(a.agentId()))).append("\"><td class=\"id\">")
          .append(a.agentId() == null ? "<i>no agent id</i>" : escape(a.agentId())).append("</td>");
      num(h, "calls", Long.toString(a.calls()));
      num(h, "audio", a.totalDurationS() == null ? "\u2014" : clock(a.totalDurationS()));
      h.append("<td class=\"num avg-qa\"><span class=\"score-chip ")
          .append(a.avgQaScore() == null ? "" : scoreClass(a.avgQaScore())).append("\">")
          .append(a.avgQaScore() == null ? "\u2014" : fmt(a.avgQaScore(), 1)).append("</span></td>");
      num(h, "talk-share", a.avgAgentTalkShare() == null ? "\u2014" : fmt(100 * a.avgAgentTalkShare(), 0) + "%");
      num(h, "wpm", a.avgAgentWpm() == null ? "\u2014" : fmt(a.avgAgentWpm(), 0));
      num(h, "greeting", a.greetingComplete() + " / " + a.calls());
      num(h, "closing", a.closingComplete() + " / " + a.calls());
      num(h, "disclosures-missing", Long.toString(a.disclosuresMissing()));
      num(h, "dead-air", Long.toString(a.deadAir()));
      num(h, "over-talk", Long.toString(a.overTalk()));
      num(h, "raised-voice", Long.toString(a.raisedVoice()));
      num(h, "long-holds", Long.toString(a.longHold()));
      h.append("</tr>");
    }
    if (r.agents().isEmpty()) {
      h.append("<tr><td colspan=\"13\" class=\"empty\">No analysed calls this night.</td></tr>");
    }
    h.append("</tbody></table></section>\n");
  }

  private static void num(StringBuilder h, String cls, String value) {
    h.append("<td class=\"num ").append(cls).append("\">").append(escape(value)).append("</td>");
  }

  private static void failed(StringBuilder h, NightReport r) {
    h.append("<section id=\"failed\"><h2>Failed recordings <span class=\"pill").append(r.failedTotal() > 0 ? " bad"
        : "").append("\">").append(r.failedTotal()).append("</span></h2>");
    if (r.failed().size() < r.failedTotal()) {
      h.append("<p class=\"truncated\">Showing ").append(r.failed().size()).append(" of ").append(r.failedTotal())
          .append(" failed recordings; all are in the calls table (status = 'failed').</p>");
    }
    if (r.failed().isEmpty()) {
      h.append("<p class=\"empty\">Every recording of the night was processed.</p>");
    } else {
      h.append("<table class=\"data\"><thead><tr><th>File</th><th>Error</th></tr></thead><tbody>");
      for (NightReport.FailedCall f : r.failed()) {
        h.append("<tr class=\"failed\"><td class=\"file\">").append(escape(f.file())).append("</td><td class=\"error\">")
            .append(escape(orDash(f.error()))).append("</td></tr>");
      }
      h.append("</tbody></table>");
    }
    h.append("</section>\n");
  }

  /** Escapes text for HTML element content and quoted attribute values. Null becomes "". */
  public static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> {
          if (ch < 0x20 && ch != '\n' && ch != '\t' && ch != '\r') {
            b.append('\ufffd'); // control characters are not allowed in HTML text
          } else {
            b.append(ch);
          }
        }
      }
    }
    return b.toString();
  }

  /** Seconds from the start of a recording as m:ss (h:mm:ss from one hour), rounded down to the second. */
  public static String clock(double seconds) {
    long t = (long) Math.floor(Math.max(0, seconds));
    long hours = t / 3600;
    long min = (t % 3600) / 60;
    long sec = t % 60;
    return hours > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, min, sec)
        : String.format(Locale.ROOT, "%d:%02d", min, sec);
  }

  /** What the "When" column shows for an event. */
  static String when(NightReport.FlaggedEvent e) {
    if (e.startS() == null) {
      return "whole call";
    }
    if (e.endS() == null || e.endS().equals(e.startS())) {
      return "at " + clock(e.startS());
    }
    return clock(e.startS()) + "\u2013" + clock(e.endS()) + " <span class=\"muted\">(" + fmt(e.endS() - e.startS(), 1)
        + " s)</span>";
  }

  private static String who(NightReport.FlaggedEvent e) {
    if (e.interrupter() != null) {
      return e.interrupter() + " interrupted";
    }
    return e.speaker() == null ? "\u2014" : e.speaker();
  }

  static String label(String type) {
    String l = LABELS.get(type);
    return l != null ? l : capitalize(type.replace('_', ' '));
  }

  private static String singular(String plural) {
    return plural.endsWith("s") ? plural.substring(0, plural.length() - 1) : plural;
  }

  private static String capitalize(String s) {
    return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static String duration(double s) {
    return s >= 60 ? clock(s) + " min" : fmt(s, 1) + " s";
  }

  private static String orDash(String s) {
    return s == null || s.isEmpty() ? "\u2014" : s;
  }

  private static String scoreClass(double score) {
    return score >= 90 ? "good" : score >= 75 ? "warn" : "bad";
  }

  private static String sevClass(String severity) {
    return switch (severity == null ? "" : severity) {
      case NightReportReader.HIGH -> "sev-high";
      case NightReportReader.MEDIUM -> "sev-medium";
      default -> "sev-low";
    };
  }

  /** A number with {@code decimals} decimals, '.' as the separator. */
  static String fmt(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  private static final String CSS = """
      :root{--ink:#1c2533;--muted:#637083;--line:#e3e7ee;--bg:#f4f6f9;--card:#fff;--accent:#1f4fa8;
      --good:#21875f;--warn:#c77700;--bad:#c8372d;--high:#c8372d;--medium:#d97a0b;--low:#6b7a90}
      *{box-sizing:border-box}
      html{-webkit-text-size-adjust:100%}
      body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,
      "Helvetica Neue","DejaVu Sans",Arial,sans-serif}
      header.top{display:flex;justify-content:space-between;align-items:flex-end;gap:24px;flex-wrap:wrap;
      padding:22px 36px 18px;background:linear-gradient(120deg,#17305f,#1f4fa8);color:#fff}
      .brand{font-size:12px;letter-spacing:.18em;text-transform:uppercase;opacity:.75}
      h1{margin:2px 0 2px;font-size:26px;font-weight:650}
      .night{font-size:15px;opacity:.9}
      dl.meta{display:grid;grid-template-columns:auto auto;gap:2px 12px;margin:0;font-size:12px;opacity:.9}
      dl.meta dt{opacity:.7;text-align:right}dl.meta dd{margin:0;font-family:"DejaVu Sans Mono",monospace}
      .notice{margin:0;padding:8px 36px;background:#fff4e0;color:#6a4a00;border-bottom:1px solid #f0dcb0;font-size:13px}
      main{max-width:1240px;margin:0 auto;padding:8px 28px 28px}
      section{margin-top:22px}
      h2{font-size:18px;margin:0 0 10px;font-weight:650;display:flex;align-items:center;gap:8px}
      .hint{color:var(--muted);margin:-4px 0 12px;font-size:13px}
      .muted{color:var(--muted)}.small{font-size:12px}
      .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(160px,1fr));gap:12px}
      .card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 16px;
      border-top:4px solid var(--accent)}
      .card .value{font-size:28px;font-weight:700;line-height:1.1}
      .card .label{font-weight:600;margin-top:4px}
      .card .sub{color:var(--muted);font-size:12px}
      .card.good{border-top-color:var(--good)}.card.warn{border-top-color:var(--warn)}
      .card.bad{border-top-color:var(--bad)}.card.bad .value{color:var(--bad)}
      table{border-collapse:collapse;width:100%;background:var(--card)}
      table.compact{border:0}table.compact th,table.compact td{padding:5px 8px}
      table.data,table.events{border:1px solid var(--line)}
      th{text-align:left;font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);
      background:#f8f9fb;font-weight:600}
      th,td{padding:7px 10px;border-bottom:1px solid var(--line);vertical-align:top}
      tr:last-child td{border-bottom:0}
      .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
      .empty{color:var(--muted);font-style:italic}
      .charts{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:12px}
      figure.chart{margin:0;background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 14px}
      figure.chart.wide{grid-column:span 2}
      figcaption{font-weight:600;margin-bottom:6px}
      .chart-svg{width:100%;height:auto;display:block}
      .chart-svg text{font:12px "DejaVu Sans",system-ui,sans-serif;fill:#334155}
      .chart-svg text.small{font-size:11px}
      .chart-svg .bar-value{font-weight:600}.chart-svg .bar-value.zero{fill:#a0a9b8;font-weight:400}
      .chart-svg .baseline{stroke:#c7ced9}
      .legend{display:flex;gap:14px;font-size:12px;color:var(--muted);margin-top:4px}
      .legend span::before{content:"";display:inline-block;width:10px;height:10px;border-radius:2px;
      background:var(--c);margin-right:5px;vertical-align:-1px}
      .pill{font-size:12px;background:#e6ecf7;color:var(--accent);border-radius:999px;padding:1px 9px}
      .pill.bad{background:#fbe3e1;color:var(--bad)}
      .truncated{background:#eef3fb;border-left:3px solid var(--accent);padding:6px 10px;margin:8px 0}
      article.call{background:var(--card);border:1px solid var(--line);border-radius:10px;margin:0 0 14px;
      overflow:hidden}
      .call-head{display:flex;align-items:center;gap:14px;padding:10px 14px;border-bottom:1px solid var(--line)}
      .rank{flex:none;width:28px;height:28px;border-radius:50%;background:#e6ecf7;color:var(--accent);
      display:flex;align-items:center;justify-content:center;font-weight:700}
      .call-id{flex:1;min-width:0}.call-id .file{font-weight:650;font-size:15px;overflow-wrap:anywhere}
      .counts{display:flex;gap:6px}
      .sev-count{font-size:12px;border-radius:999px;padding:2px 8px;white-space:nowrap}
      .sev-count.none{color:#a0a9b8;background:#f3f5f8}
      .score{flex:none;text-align:center;border-radius:8px;padding:4px 10px;min-width:72px;color:#fff}
      .score .qa{display:block;font-size:22px;font-weight:700;line-height:1.1}
      .score.good{background:var(--good)}.score.warn{background:var(--warn)}.score.bad{background:var(--bad)}
      .score-chip{border-radius:6px;padding:1px 7px;font-weight:600}
      .score-chip.good{background:#dff2ea;color:var(--good)}.score-chip.warn{background:#fdf0d8;color:#8a5200}
      .score-chip.bad{background:#fbe3e1;color:var(--bad)}
      table.events{border:0;border-radius:0}
      table.events{table-layout:fixed}table.events th:nth-child(1){width:92px}
      table.events th:nth-child(2){width:170px}table.events th:nth-child(3){width:150px}
      table.events th:nth-child(4){width:160px}
      table.events td.when{white-space:nowrap;font-variant-numeric:tabular-nums}
      table.events td.type{font-weight:600;white-space:nowrap}
      table.events td.who{white-space:nowrap}
      .sev{display:inline-block;font-size:11px;font-weight:700;text-transform:uppercase;letter-spacing:.04em;
      border-radius:4px;padding:1px 6px;color:#fff}
      .sev-high{background:var(--high);color:#fff}.sev-medium{background:var(--medium);color:#fff}
      .sev-low{background:#e3e8ef;color:#46536a}
      .detail{color:#334155}
      .snippet{margin-top:4px;padding:6px 10px;background:#f7f9fc;border-left:3px solid #c9d4e5;border-radius:4px;
      font-size:13px}
      .snippet.none{color:var(--muted);font-style:italic}
      .snippet .line{display:flex;gap:8px;align-items:baseline}
      .snippet .ts{flex:none;width:38px;color:#8792a5;font-size:11px;font-variant-numeric:tabular-nums}
      .snippet .who{flex:none;width:68px;font-size:11px;font-weight:700;text-transform:uppercase;letter-spacing:.03em}
      .snippet .who.agent{color:#1f4fa8}.snippet .who.customer{color:#7a3fb0}.snippet .who.mono{color:#46536a}
      .snippet .gap{color:#8792a5;font-size:11px;padding-left:46px}
      mark.in{background:#ffe9a8;border-radius:2px;padding:0 1px}
      .redacted{background:#1c2533;color:#fff;border-radius:2px;padding:0 3px;font-size:11px}
      mark.in.redacted{background:#1c2533;color:#fff}
      td.id{font-weight:600;white-space:nowrap}th.num{white-space:normal}
      #agents th,#agents td{padding:7px 7px}
      .meter{display:inline-block;width:110px;height:8px;background:#edf0f4;border-radius:4px;overflow:hidden;
      vertical-align:middle;margin-right:8px}
      .meter .fill{height:100%}.meter .fill.good{background:var(--good)}.meter .fill.warn{background:var(--warn)}
      .meter .fill.bad{background:var(--bad)}
      .pct{font-variant-numeric:tabular-nums;font-weight:600}
      .warn-text{color:var(--warn);font-weight:600}.bad-text{color:var(--bad);font-weight:600}
      td.error{color:#5b2420;overflow-wrap:anywhere}td.file{white-space:nowrap;font-weight:600}
      code{font-family:"DejaVu Sans Mono",monospace;font-size:12px;background:#eef1f5;padding:0 4px;border-radius:3px}
      footer{max-width:1240px;margin:0 auto;padding:10px 28px 30px;color:var(--muted);font-size:12px}
      @page{size:A4;margin:12mm}
      @media print{body{background:#fff;font-size:11px}
      header.top,.notice,.score,.sev,.redacted,.meter .fill,.card{-webkit-print-color-adjust:exact;print-color-adjust:exact}
      main{padding:0 4px;max-width:none}
      article.call,.card,figure.chart,tr{break-inside:avoid}h2{break-after:avoid}}
      """;
}

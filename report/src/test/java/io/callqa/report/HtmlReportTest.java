package io.callqa.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The HTML building, on hand-made report data (no Spark). */
class HtmlReportTest {
  private static final LocalDate NIGHT = LocalDate.of(2026, 11, 23);

  @Test
  void everyValueFromTheTablesIsEscaped() {
    String evil = "<script>alert('x')</script>&\"";
    NightReport.FlaggedEvent e = new NightReport.FlaggedEvent("dead_air", "high", null, null, 10.0, 17.0, evil,
        List.of(new NightReport.SnippetWord("agent", 9.0, "<b>bold</b>", false, false)));
    NightReport r = report(List.of(call("c1", evil + ".wav", evil, 60, List.of(e))), 1,
        List.of(new NightReport.FailedCall("<img src=x onerror=alert(1)>.wav", "bad \"header\" <x>")));

    String html = HtmlReport.render(r);
    Document doc = Jsoup.parse(html);

    assertThat(doc.select("script")).as("no script element, not even from data").isEmpty();
    assertThat(doc.select("img")).isEmpty();
    assertThat(doc.select("b").eachText()).doesNotContain("bold");
    assertThat(doc.selectFirst("article.call .file").text()).isEqualTo(evil + ".wav");
    assertThat(doc.selectFirst("article.call .agent").text()).isEqualTo(evil);
    assertThat(doc.selectFirst("tr.event .detail").text()).isEqualTo(evil);
    assertThat(doc.selectFirst(".snippet .words").text()).isEqualTo("<b>bold</b>");
    assertThat(doc.selectFirst("tr.failed td.file").text()).isEqualTo("<img src=x onerror=alert(1)>.wav");
    assertThat(doc.selectFirst("tr.failed td.error").text()).isEqualTo("bad \"header\" <x>");
    assertThat(HtmlReport.escape("a<b>&'\"\u0001")).isEqualTo("a&lt;b&gt;&amp;&#39;&quot;\ufffd");
  }

  @Test
  void isSelfContained() {
    Document doc = Jsoup.parse(HtmlReport.render(sampleReport()));
    assertThat(doc.select("script, link, img, iframe, object, embed")).isEmpty();
    assertThat(doc.select("[src]")).isEmpty();
    assertThat(doc.select("a[href]")).allSatisfy(a -> assertThat(a.attr("href")).startsWith("#"));
    assertThat(doc.select("style").html()).doesNotContain("@import").doesNotContain("url(");
    assertThat(doc.select("svg")).as("inline charts: events by type + 3 distributions").hasSize(4);
  }

  @Test
  void redactedWordsStayRedactedAndEventWordsAreHighlighted() {
    List<NightReport.SnippetWord> words = List.of(
        new NightReport.SnippetWord("customer", 10.0, "my", false, false),
        new NightReport.SnippetWord("customer", 10.3, "card", false, false),
        new NightReport.SnippetWord("customer", 10.6, "4111", true, true),
        new NightReport.SnippetWord("agent", 20.0, "thanks", false, false));
    NightReport.FlaggedEvent e = new NightReport.FlaggedEvent("raised_voice", "medium", "customer", null, 10.5, 12.0,
        "9.1 dB above", words);
    Document doc = Jsoup.parse(HtmlReport.render(report(List.of(call("c1", "a.wav", "A1", 95, List.of(e))), 1,
        List.of())));

    assertThat(doc.select(".snippet .line")).extracting(Element::text)
        .containsExactly("0:10 Customer my card [REDACTED]", "0:20 Agent thanks");
    assertThat(doc.select(".snippet mark.in").eachText()).containsExactly("[REDACTED]");
    assertThat(doc.html()).doesNotContain("4111");
    assertThat(doc.select(".snippet .gap").eachText()).as("the 9 s pause between the lines")
        .containsExactly("\u22ef 9 s \u22ef");
  }

  @Test
  void eventTimesAreMinutesAndSecondsFromTheStart() {
    assertThat(HtmlReport.clock(0)).isEqualTo("0:00");
    assertThat(HtmlReport.clock(65.9)).isEqualTo("1:05");
    assertThat(HtmlReport.clock(3725)).isEqualTo("1:02:05");
    NightReport.FlaggedEvent span = new NightReport.FlaggedEvent("hold", "low", "agent", null, 75.2, 206.0, null,
        List.of());
    NightReport.FlaggedEvent point = new NightReport.FlaggedEvent("late_disclosure", "medium", "agent", null, 42.0,
        42.0, "recording_notice", List.of());
    NightReport.FlaggedEvent whole = new NightReport.FlaggedEvent("missing_disclosure", "high", "agent", null, null,
        null, "mini_miranda not found", List.of());
    Document doc = Jsoup.parse(HtmlReport.render(report(List.of(call("c1", "a.wav", "A1", 60,
        List.of(whole, point, span))), 1, List.of())));
    assertThat(doc.select("tr.event td.when").eachText())
        .containsExactly("whole call", "at 0:42", "1:15\u20133:26 (130.8 s)");
    assertThat(doc.select("tr.event td.type").eachText())
        .containsExactly("Missing disclosure", "Late disclosure", "Hold");
  }

  @Test
  void anEmptyNightSaysSoInEverySection() {
    NightReport empty = new NightReport(NIGHT, "out", Instant.EPOCH, List.of(),
        new NightReport.Totals(0, 0, 0, 0, 0, null, 0), List.of(), List.of(), List.of(), 0, List.of(), List.of(), 0,
        List.of(), 0);
    Document doc = Jsoup.parse(HtmlReport.render(empty));
    assertThat(doc.selectFirst("[data-metric=avg-qa-score] .value").text()).isEqualTo("\u2014");
    assertThat(doc.selectFirst("[data-metric=calls] .value").text()).isEqualTo("0");
    assertThat(doc.select(".empty").eachText()).contains("No events this night.", "No flagged calls this night.",
        "No disclosure applied to any call this night.", "No analysed calls this night.",
        "Every recording of the night was processed.");
    assertThat(doc.text()).doesNotContain("NaN").doesNotContain("null").doesNotContain("Infinity");
  }

  @Test
  void truncatedListsSayHowManyThereAre() {
    List<NightReport.FlaggedEvent> events = List.of(new NightReport.FlaggedEvent("over_talk", "low", null,
        "customer", 5.0, 6.5, null, List.of()));
    NightReport.FlaggedCall c = new NightReport.FlaggedCall("c1", "a.wav", "A1", "billing", 60.0, 97, 0, 0, 1, events,
        25);
    NightReport r = report(List.of(c), 73, List.of());
    Document doc = Jsoup.parse(HtmlReport.render(r));
    assertThat(doc.selectFirst("#flagged-truncated").text())
        .isEqualTo("Showing the 1 most severe of 73 flagged calls. Run callqa report --top N to show more.");
    assertThat(doc.selectFirst("article.call .truncated").text())
        .isEqualTo("24 more events of this call are in the events table.");
    assertThat(doc.selectFirst("[data-metric=flagged] .value").text()).isEqualTo("73");
    assertThat(doc.selectFirst("tr.event td.who").text()).isEqualTo("customer interrupted");

    Document all = Jsoup.parse(HtmlReport.render(report(List.of(c), 1, List.of())));
    assertThat(all.select("#flagged-truncated")).isEmpty();
  }

  /** Also writes target/html-report-sample.html to look at. */
  @Test
  void disclosureComplianceAndAgentsShowTheirNumbers() throws IOException {
    NightReport r = sampleReport();
    String html = HtmlReport.render(r);
    Files.writeString(Path.of(System.getProperty("java.io.tmpdir"), "html-report-sample.html"), html);
    Document doc = Jsoup.parse(html);
    Element rule = doc.selectFirst("tr.rule[data-rule=recording_notice]");
    assertThat(rule.select("td").eachText()).containsExactly("recording_notice", "agent", "6", "4", "1", "1", "2", "67%");
    Element agent = doc.selectFirst("tr.agent[data-agent=A200]");
    assertThat(agent.select("td").eachText()).containsExactly("A200", "3", "2:10", "89.0", "74%", "209", "3 / 3",
        "2 / 3", "1", "2", "1", "0", "0");
    assertThat(doc.select("tr.agent").eachAttr("data-agent")).containsExactly("A200", "\u2014");
    assertThat(doc.selectFirst("tr.agent[data-agent=\u2014] td.id").text()).isEqualTo("no agent id");
  }

  static NightReport sampleReport() {
    List<NightReport.SnippetWord> words = new ArrayList<>();
    String[] agent = "thank you for waiting i can see the charge on your statement".split(" ");
    for (int i = 0; i < agent.length; i++) {
      words.add(new NightReport.SnippetWord("agent", 21.0 + i * 0.3, agent[i], false, i < 2));
    }
    words.add(0, new NightReport.SnippetWord("customer", 7.5, "charged", false, false));
    NightReport.FlaggedEvent dead = new NightReport.FlaggedEvent("dead_air", "low", null, null, 13.1, 21.3,
        "silence 8.3 s (threshold 5.0 s)", words);
    NightReport.FlaggedEvent miss = new NightReport.FlaggedEvent("missing_disclosure", "high", "agent", null, null,
        null, "recording_notice not found (best similarity 0.21)", List.of());
    List<NightReport.FlaggedCall> calls = List.of(call("1d807", "call02_dead_air.wav", "A200", 75, List.of(miss, dead)),
        call("09b4a", "call05_raised_voice.wav", "A100", 90, List.of(dead)));
    List<NightReport.TypeCount> types = List.of(new NightReport.TypeCount("dead_air", 2, 15.4),
        new NightReport.TypeCount("hold", 1, 28.5), new NightReport.TypeCount("long_hold", 0, 0),
        new NightReport.TypeCount("missing_disclosure", 1, 0));
    List<NightReport.Histogram> hists = List.of(
        new NightReport.Histogram("qa-score", "QA score per call", "calls", List.of(new NightReport.Bin("< 50", 0),
            new NightReport.Bin("90-99", 3), new NightReport.Bin("100", 2))),
        new NightReport.Histogram("dead-air", "Dead-air length", "events", List.of(new NightReport.Bin("5-7.5 s", 1))),
        new NightReport.Histogram("hold", "Hold length", "holds", List.of(new NightReport.Bin("< 30 s", 1))));
    return new NightReport(NIGHT, "out", Instant.parse("2026-11-24T02:00:00Z"), List.of("437ddbebc1027f5f"),
        new NightReport.Totals(8, 6, 2, 258, 6, 92.8, 7), types, hists, calls, 2,
        List.of(new NightReport.DisclosureRule("mini_miranda", "agent", 1, 1, 0, 0, 0),
            new NightReport.DisclosureRule("recording_notice", "agent", 6, 4, 1, 1, 2)),
        List.of(new NightReport.AgentRow("A200", 3, 130.0, 89.0, 0.74, 209.4, 3, 2, 1, 2, 1, 0, 0),
            new NightReport.AgentRow(null, 1, 30.0, null, null, null, 0, 0, 0, 0, 0, 0, 0)), 2,
        List.of(new NightReport.FailedCall("notes.wav", "not an audio file")), 1);
  }

  private static NightReport.FlaggedCall call(String id, String file, String agent, double score,
      List<NightReport.FlaggedEvent> events) {
    return new NightReport.FlaggedCall(id, file, agent, "billing", 42.0, score, 1, 0, 1, events, events.size());
  }

  private static NightReport report(List<NightReport.FlaggedCall> calls, long flaggedTotal,
      List<NightReport.FailedCall> failed) {
    return new NightReport(NIGHT, "out", Instant.EPOCH, List.of("v1"), new NightReport.Totals(3, 2, 1, 120, 2, 80.0,
        4), List.of(new NightReport.TypeCount("dead_air", 1, 7.0)), List.of(), calls, flaggedTotal, List.of(),
        List.of(), 0, failed, failed.size());
  }
}

package io.callqa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.callqa.ingest.CallqaException;
import io.callqa.report.ReportConfig;
import io.callqa.report.ReportJob;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.assertj.core.api.Assertions;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code callqa report} on the real sample night ({@link SampleNight}: real Vosk, Spark and Parquet): what the
 * HTML shows is compared with what Spark SQL reads from the Parquet tables, and the page is rendered in headless
 * Chromium. The screenshot is left in target/report-sample-night.png; {@code -Dcallqa.update.screenshot=true}
 * also copies it to docs/report-sample-night.png.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportEndToEndTest {
  @TempDir static Path tmp;
  private static Path out;
  private static Path html;
  private static Document doc;
  private static int exitCode;
  private static String stderr;
  private static SparkSession spark;

  @BeforeAll
  static void reportTheNight() throws IOException {
    out = SampleNight.get().out();
    html = tmp.resolve("report.html");
    PrintStream saved = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      exitCode = Main.execute("report", "--output", out.toString(), "--date", SampleNight.DATE, "--html",
          html.toString(), "--master", "local[2]");
    } finally {
      System.setErr(saved);
    }
    stderr = err.toString(StandardCharsets.UTF_8);
    saved.print(stderr);
    doc = Jsoup.parse(html.toFile(), "UTF-8");
    spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    for (String t : List.of("calls", "events", "call_summary", "disclosure_checks", "agent_daily", "words")) {
      spark.read().parquet(out.resolve(t).toString()).createOrReplaceTempView(t);
    }
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void theCommandWritesTheReportAndSaysWhere() {
    assertThat(exitCode).as(stderr).isZero();
    assertThat(stderr).contains("report: night " + SampleNight.DATE).contains("written to " + html);
    assertThat(doc.selectFirst("#night").attr("data-date")).isEqualTo(SampleNight.DATE);
  }

  @Test
  void summaryNumbersMatchTheTables() {
    Row c = one("SELECT count(*), sum(IF(status = 'ok', 1, 0)), sum(IF(status = 'ok', duration_s, 0)) FROM calls"
        + " WHERE call_date = DATE '" + SampleNight.DATE + "'");
    Row s = one("SELECT avg(qa_score) FROM call_summary WHERE call_date = DATE '" + SampleNight.DATE + "'");
    long events = one("SELECT count(*) FROM events WHERE call_date = DATE '" + SampleNight.DATE + "'").getLong(0);
    assertThat(c.getLong(0)).as("the six sample calls").isEqualTo(6);
    assertThat(metric("calls")).isEqualTo(Long.toString(c.getLong(0)));
    assertThat(metric("failed")).isEqualTo(Long.toString(c.getLong(0) - c.getLong(1)));
    assertThat(metric("audio-hours")).isEqualTo(String.format(Locale.ROOT, "%.2f h", c.getDouble(2) / 3600));
    assertThat(metric("avg-qa-score")).isEqualTo(String.format(Locale.ROOT, "%.1f", s.getDouble(0)));
    assertThat(metric("events")).isEqualTo(Long.toString(events));
    for (Row t : sql("SELECT event_type, count(*) FROM events WHERE call_date = DATE '" + SampleNight.DATE
        + "' GROUP BY event_type")) {
      Element row = doc.selectFirst("#events-by-type tr[data-type=" + t.getString(0) + "]");
      assertThat(row).as(t.getString(0)).isNotNull();
      assertThat(row.select("td").get(1).text()).isEqualTo(Long.toString(t.getLong(1)));
    }
  }

  @Test
  void flaggedCallsAreTheTablesCallsThatLostPointsOrHaveAHighEventMostSevereFirst() {
    List<Row> expected = sql("SELECT regexp_extract(c.source_path, '[^/]+$', 0), s.qa_score, s.call_id, s.agent_id"
        + " FROM call_summary s JOIN calls c USING (call_id, call_date)"
        + " LEFT JOIN (SELECT call_id, sum(IF(severity = 'high', 1, 0)) AS high, sum(IF(severity = 'medium', 1, 0))"
        + " AS medium FROM events GROUP BY call_id) e USING (call_id)"
        + " WHERE s.call_date = DATE '" + SampleNight.DATE + "' AND (s.qa_score < 100 OR coalesce(e.high, 0) > 0)"
        + " ORDER BY s.qa_score, coalesce(e.high, 0) DESC, coalesce(e.medium, 0) DESC, s.call_id");
    assertThat(expected).as("the samples have flagged calls").isNotEmpty();
    List<Element> shown = doc.select("article.call");
    assertThat(shown).extracting(a -> a.selectFirst(".file").text())
        .containsExactlyElementsOf(expected.stream().map(r -> r.getString(0)).toList())
        .contains("call02_dead_air.wav").doesNotContain("call01_good.wav");
    assertThat(metric("flagged")).isEqualTo(Integer.toString(expected.size()));
    for (int i = 0; i < expected.size(); i++) {
      Row want = expected.get(i);
      Element call = shown.get(i);
      assertThat(call.attr("data-call-id")).isEqualTo(want.getString(2));
      assertThat(call.selectFirst(".score .qa").text()).isEqualTo(String.format(Locale.ROOT, "%.0f",
          want.getDouble(1)));
      assertThat(call.selectFirst(".agent").text()).isEqualTo(want.getString(3));
      List<String> wantEvents = new ArrayList<>();
      for (Row e : sql("SELECT event_type, start_s, end_s FROM events WHERE call_id = '" + want.getString(2) + "'")) {
        wantEvents.add(e.getString(0) + " " + when(e));
      }
      assertThat(call.select("tr.event")).as(want.getString(0)).extracting(r -> r.attr("data-type") + " "
          + r.selectFirst("td.when").text()).containsExactlyInAnyOrderElementsOf(wantEvents);
    }
  }

  @Test
  void snippetsAreTheWordsHeardAroundTheEvent() {
    Row dead = one("SELECT e.call_id, e.start_s, e.end_s FROM events e JOIN calls c USING (call_id)"
        + " WHERE c.source_path LIKE '%call02_dead_air.wav' AND e.event_type = 'dead_air'");
    Row before = one("SELECT word FROM words WHERE call_id = '" + dead.getString(0) + "' AND end_s <= "
        + dead.getDouble(1) + " ORDER BY start_s DESC LIMIT 1");
    Row after = one("SELECT word FROM words WHERE call_id = '" + dead.getString(0) + "' AND start_s >= "
        + dead.getDouble(2) + " ORDER BY start_s LIMIT 1");
    Element row = doc.selectFirst("article[data-call-id=" + dead.getString(0) + "] tr.event[data-type=dead_air]");
    List<String> lines = row.select(".snippet .line .words").eachText();
    assertThat(String.join(" ", lines)).as("words just before and just after the silence")
        .contains(before.getString(0)).contains(after.getString(0));
    int silence = (int) Math.round(dead.getDouble(2) - dead.getDouble(1));
    assertThat(row.select(".snippet .gap").eachText()).as("the silence is shown with its length")
        .anySatisfy(g -> assertThat(g).matches("\u22ef (" + (silence - 1) + "|" + silence + "|" + (silence + 1)
            + "|" + (silence + 2) + ") s \u22ef"));
  }

  @Test
  void disclosureComplianceAndAgentsMatchTheTables() {
    for (Row d : sql("SELECT disclosure_id, count(*), sum(IF(found AND in_window, 1, 0)),"
        + " sum(IF(found AND NOT in_window, 1, 0)), sum(IF(NOT found, 1, 0)),"
        + " sum(IF(found_by = 'second_listen', 1, 0)) FROM disclosure_checks"
        + " WHERE call_date = DATE '" + SampleNight.DATE + "' GROUP BY disclosure_id")) {
      Element row = doc.selectFirst("tr.rule[data-rule=" + d.getString(0) + "]");
      assertThat(row).as(d.getString(0)).isNotNull();
      assertThat(List.of(row.selectFirst(".applicable").text(), row.selectFirst(".in-window").text(),
          row.selectFirst(".late").text(), row.selectFirst(".missing").text(),
          row.selectFirst(".second-listen").text()))
          .containsExactly(Long.toString(d.getLong(1)), Long.toString(d.getLong(2)), Long.toString(d.getLong(3)),
              Long.toString(d.getLong(4)), Long.toString(d.getLong(5)));
    }
    assertThat(doc.select("tr.rule")).hasSize((int) one("SELECT count(DISTINCT disclosure_id) FROM"
        + " disclosure_checks WHERE call_date = DATE '" + SampleNight.DATE + "'").getLong(0));
    List<Row> agents = sql("SELECT agent_id, calls, avg_qa_score FROM agent_daily WHERE call_date = DATE '"
        + SampleNight.DATE + "' ORDER BY avg_qa_score, agent_id");
    assertThat(agents).as("A100 and A200").hasSize(2);
    assertThat(doc.select("tr.agent")).extracting(r -> r.selectFirst("td.id").text() + " "
        + r.selectFirst("td.calls").text() + " " + r.selectFirst("td.avg-qa").text())
        .containsExactlyElementsOf(agents.stream().map(a -> a.getString(0) + " " + a.getInt(1) + " "
            + String.format(Locale.ROOT, "%.1f", a.getDouble(2))).toList());
  }

  @Test
  void withoutDateTheLatestNightIsReportedNextToTheTablesWithItsFailedRecordings() {
    LocalDate latest = ((java.sql.Date) one("SELECT max(call_date) FROM calls").get(0)).toLocalDate();
    ReportJob.Result r = ReportJob.run(spark, new ReportConfig(out.toString(), null, null, 50));
    assertThat(r.date()).isEqualTo(latest);
    Path file = out.resolve("reports/callqa-report-" + latest + ".html");
    assertThat(r.html()).isEqualTo(out + "/reports/callqa-report-" + latest + ".html");
    Document latestDoc = parse(file);
    assertThat(out.resolve("reports")).as("just the report, no Hadoop .crc side file")
        .isDirectoryNotContaining("glob:**.crc");
    List<String> failed = new ArrayList<>();
    sql("SELECT regexp_extract(source_path, '[^/]+$', 0), error FROM calls WHERE status = 'failed' AND call_date"
        + " = DATE '" + latest + "' ORDER BY 1").forEach(f -> failed.add(f.getString(0) + " " + f.getString(1)));
    assertThat(failed).as("notes.wav and cut_off.wav").hasSize(2);
    assertThat(latestDoc.select("tr.failed")).extracting(Element::text).containsExactlyElementsOf(failed);
  }

  @Test
  void aShortTopListSaysHowManyCallsAreFlagged() {
    Path file = tmp.resolve("top1.html");
    ReportJob.Result r = ReportJob.run(spark, new ReportConfig(out.toString(), LocalDate.parse(SampleNight.DATE),
        file.toString(), 1));
    Document top = parse(file);
    assertThat(top.select("article.call")).hasSize(1);
    assertThat(r.flagged()).isGreaterThan(1);
    assertThat(top.selectFirst("#flagged-truncated").text()).startsWith("Showing the 1 most severe of "
        + r.flagged() + " flagged calls.");
    assertThat(top.selectFirst("article.call .file").text())
        .isEqualTo(doc.selectFirst("article.call .file").text());
  }

  @Test
  void aNightWithoutCallsIsAnActionableError() {
    Assertions.assertThatThrownBy(() -> ReportJob.run(spark, new ReportConfig(out.toString(),
        LocalDate.of(2020, 1, 1), tmp.resolve("none.html").toString(), 50)))
        .isInstanceOf(CallqaException.class).hasMessageContaining("No calls on 2020-01-01")
        .hasMessageContaining("--date");
    assertThat(Main.execute("report", "--output", out.toString(), "--top", "0")).isEqualTo(Main.FATAL);
  }

  @Test
  void rendersInHeadlessChromiumWithoutConsoleMessages() throws IOException, InterruptedException {
    Path png = tmp.resolve("report.png");
    HeadlessChromium.Rendered r = HeadlessChromium.screenshot(html, png, 1280, 4200);
    assertThat(r.console()).as("console messages of the page").isEmpty();

    BufferedImage full = ImageIO.read(png.toFile());
    assertThat(full.getWidth()).isEqualTo(1280);
    int bottom = lastRowWithContent(full);
    assertThat(bottom).as("the page is taller than a screen").isGreaterThan(1500);
    BufferedImage page = full.getSubimage(0, 0, full.getWidth(), Math.min(full.getHeight(), bottom + 24));
    assertThat(distinctColours(page)).as("a rendered page, not a blank or single-colour image").isGreaterThan(200);
    assertThat(headerIsDark(page)).as("the dark header bar is drawn (CSS applied)").isTrue();
    Path target = Path.of(System.getProperty("java.io.tmpdir"), "report-sample-night.png");
    ImageIO.write(page, "png", target.toFile());
    assertThat(Files.size(target)).as("PNG bytes").isGreaterThan(50_000);
    if (Boolean.getBoolean("callqa.update.screenshot")) {
      Files.copy(target, SampleNightEndToEndTest.repoRoot().resolve("docs/report-sample-night.png"),
          StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Test
  void theConsoleCheckCatchesAPageThatLogsAnError() throws IOException, InterruptedException {
    Path bad = tmp.resolve("bad.html");
    Files.writeString(bad, "<!DOCTYPE html><html><body><p>x</p><script>console.error('broken chart');"
        + " undefinedFunction();</script></body></html>");
    HeadlessChromium.Rendered r = HeadlessChromium.screenshot(bad, tmp.resolve("bad.png"), 400, 300);
    assertThat(r.console()).anySatisfy(l -> assertThat(l).contains("broken chart"))
        .anySatisfy(l -> assertThat(l).contains("undefinedFunction"));
  }

  private static String when(Row e) {
    if (e.isNullAt(1)) {
      return "whole call";
    }
    if (e.isNullAt(2) || e.getDouble(2) == e.getDouble(1)) {
      return "at " + mmss(e.getDouble(1));
    }
    return mmss(e.getDouble(1)) + "\u2013" + mmss(e.getDouble(2)) + String.format(Locale.ROOT, " (%.1f s)",
        e.getDouble(2) - e.getDouble(1));
  }

  private static String mmss(double s) {
    int t = (int) Math.floor(s);
    return String.format(Locale.ROOT, "%d:%02d", t / 60, t % 60);
  }

  private static String metric(String name) {
    return doc.selectFirst("[data-metric=" + name + "] .value").text();
  }

  private static Document parse(Path file) {
    try {
      return Jsoup.parse(file.toFile(), "UTF-8");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<Row> sql(String q) {
    return spark.sql(q).collectAsList();
  }

  private static Row one(String q) {
    List<Row> rows = sql(q);
    assertThat(rows).as(q).hasSize(1);
    return rows.get(0);
  }

  /** Last row whose pixels differ from the bottom-right background colour. */
  private static int lastRowWithContent(BufferedImage img) {
    int bg = img.getRGB(img.getWidth() - 1, img.getHeight() - 1);
    for (int y = img.getHeight() - 1; y >= 0; y--) {
      for (int x = 0; x < img.getWidth(); x += 2) {
        if (img.getRGB(x, y) != bg) {
          return y;
        }
      }
    }
    return 0;
  }

  private static int distinctColours(BufferedImage img) {
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < img.getHeight(); y += 3) {
      for (int x = 0; x < img.getWidth(); x += 3) {
        colours.add(img.getRGB(x, y));
      }
    }
    return colours.size();
  }

  private static boolean headerIsDark(BufferedImage img) {
    int rgb = img.getRGB(640, 20);
    int r = (rgb >> 16) & 0xff;
    int g = (rgb >> 8) & 0xff;
    int b = rgb & 0xff;
    return r + g + b < 3 * 110;
  }
}

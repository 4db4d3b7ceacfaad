package io.callqa.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callqa.analytics.detect.DisclosureCheck;
import io.callqa.analytics.detect.Event;
import io.callqa.analytics.table.AgentDailyTable;
import io.callqa.analytics.table.CallSummaryTable;
import io.callqa.analytics.table.DisclosureChecksTable;
import io.callqa.analytics.table.EventsTable;
import io.callqa.ingest.CallRecord;
import io.callqa.ingest.CallqaException;
import io.callqa.ingest.table.CallsTable;
import io.callqa.ingest.table.Tables;
import io.callqa.ingest.table.WordsTable;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark side of the report on tiny hand-written tables (the schema classes' own schemas, real Parquet):
 * which calls are flagged and in which order, the per-call event cap, snippet windows, redaction, errors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NightReportReaderTest {
  private static final LocalDate NIGHT = LocalDate.of(2026, 11, 23);
  private static final Date D = Date.valueOf(NIGHT);
  @TempDir static Path tmp;
  private static SparkSession spark;
  private static String out;

  @BeforeAll
  static void writeTables() {
    spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    out = tmp.resolve("out").toString();
    write(CallsTable.NAME, CallsTable.SCHEMA, List.of(call("good", "ok", null), call("c80", "ok", null),
        call("c80high", "ok", null), call("c100high", "ok", null), call("many", "ok", null),
        call("bad", "failed", "not an audio file"), callOn("older", LocalDate.of(2026, 11, 22))));
    List<Row> summaries = List.of(summary("good", 100), summary("c80", 80), summary("c80high", 80),
        summary("c100high", 100), summary("many", 30));
    write(CallSummaryTable.NAME, CallSummaryTable.SCHEMA, summaries);
    List<Row> events = new ArrayList<>();
    events.add(event("good", Event.CLIPPING, "low", 1.0, 1.1));
    events.add(event("c80", Event.DEAD_AIR, "low", 10.0, 16.0));
    events.add(event("c80high", Event.MISSING_DISCLOSURE, "high", null, null));
    events.add(event("c100high", "custom_unweighted", "high", 3.0, 4.0));
    events.add(event("c80", Event.HOLD, "medium", 30.0, 90.0));
    for (int i = 0; i < 25; i++) {
      events.add(event("many", Event.OVER_TALK, "low", 100.0 + i * 5, 101.5 + i * 5));
    }
    write(EventsTable.NAME, EventsTable.SCHEMA, events);
    write(WordsTable.NAME, WordsTable.SCHEMA, List.of(word("c80", "agent", 2.0, "far", false),
        word("c80", "agent", 5.0, "before", false), word("c80", "customer", 9.0, "my", false),
        word("c80", "customer", 9.4, "ssn", true), word("c80", "agent", 17.0, "after", false),
        word("c80", "agent", 25.0, "late", false), word("c80", "agent", 28.0, "hold", false),
        word("c80", "customer", 60.0, "middle", false), word("c80", "agent", 91.0, "back", false)));
    write(DisclosureChecksTable.NAME, DisclosureChecksTable.SCHEMA, List.of(
        DisclosureChecksTable.row("c80", NIGHT, found(3.0, true), "v1"),
        DisclosureChecksTable.row("c80high", NIGHT,
            new DisclosureCheck("notice", "agent", false, null, null, 0.2, false, null, null), "v1"),
        DisclosureChecksTable.row("good", NIGHT, found(40.0, false), "v1")));
    Dataset<Row> s = spark.read().schema(CallSummaryTable.SCHEMA).parquet(out + "/" + CallSummaryTable.NAME);
    AgentDailyTable.aggregate(s).write().mode(SaveMode.Overwrite).partitionBy(Tables.CALL_DATE)
        .parquet(out + "/" + AgentDailyTable.NAME);
  }

  private static DisclosureCheck found(double at, boolean inWindow) {
    return new DisclosureCheck("notice", "agent", true, at, "call may be recorded", 0.9, inWindow,
        DisclosureCheck.TRANSCRIPT, null);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void flagsCallsThatLostPointsOrHaveAHighEventLowestScoreFirst() {
    NightReport r = NightReportReader.read(spark, out, NIGHT, 50);
    assertThat(r.flagged()).extracting(NightReport.FlaggedCall::callId)
        .containsExactly("many", "c80high", "c80", "c100high");
    assertThat(r.flaggedTotal()).isEqualTo(4);
    assertThat(r.totals()).isEqualTo(new NightReport.Totals(6, 5, 1, 5 * 60.0, 5, (100 + 80 + 80 + 100 + 30) / 5.0,
        30));
    assertThat(r.failed()).containsExactly(new NightReport.FailedCall("bad.wav", "not an audio file"));
    assertThat(r.disclosures()).containsExactly(new NightReport.DisclosureRule("notice", "agent", 3, 1, 1, 1, 0));
    assertThat(r.agents()).singleElement().satisfies(a -> {
      assertThat(a.agentId()).isEqualTo("A1");
      assertThat(a.calls()).isEqualTo(5);
    });
    assertThat(r.histograms().get(0).bins()).extracting(NightReport.Bin::count).containsExactly(1L, 0L, 0L, 2L, 0L,
        2L);
  }

  @Test
  void showsAtMostTopCallsAndTwentyEventsPerCall() {
    NightReport r = NightReportReader.read(spark, out, NIGHT, 2);
    assertThat(r.flagged()).extracting(NightReport.FlaggedCall::callId).containsExactly("many", "c80high");
    assertThat(r.flaggedTotal()).isEqualTo(4);
    NightReport.FlaggedCall many = r.flagged().get(0);
    assertThat(many.events()).hasSize(NightReportReader.MAX_EVENTS_PER_CALL);
    assertThat(many.eventsTotal()).isEqualTo(25);
    assertThat(many.events()).extracting(NightReport.FlaggedEvent::startS).isSorted();
  }

  @Test
  void snippetsHoldTheWordsAroundEachEventWithRedactionKept() {
    NightReport.FlaggedCall c80 = NightReportReader.read(spark, out, NIGHT, 50).flagged().stream()
        .filter(c -> c.callId().equals("c80")).findFirst().orElseThrow();
    assertThat(c80.events()).extracting(NightReport.FlaggedEvent::type).containsExactly(Event.HOLD, Event.DEAD_AIR);
    NightReport.FlaggedEvent dead = c80.events().get(1);
    assertThat(dead.snippet()).extracting(NightReport.SnippetWord::word)
        .as("6 s either side of 10-16 s").containsExactly("before", "my", "ssn", "after");
    assertThat(dead.snippet()).filteredOn(NightReport.SnippetWord::redacted).extracting(NightReport.SnippetWord::word)
        .containsExactly("ssn");
    NightReport.FlaggedEvent hold = c80.events().get(0);
    assertThat(hold.snippet()).extracting(NightReport.SnippetWord::word)
        .as("a 60 s hold: around its start and its end, not the middle").containsExactly("late", "hold", "back");
    assertThat(hold.snippet()).filteredOn(NightReport.SnippetWord::inEvent).as("the hold ends where the agent is back")
        .isEmpty();
    assertThat(dead.snippet()).filteredOn(NightReport.SnippetWord::inEvent).isEmpty();
  }

  @Test
  void defaultNightIsTheLatestAndMissingDataIsAnActionableError() {
    assertThat(NightReportReader.latestDate(spark, out)).isEqualTo(NIGHT);
    assertThatThrownBy(() -> NightReportReader.read(spark, out, LocalDate.of(2026, 1, 1), 50))
        .isInstanceOf(CallqaException.class).hasMessageContaining("No calls on 2026-01-01")
        .hasMessageContaining("the latest is 2026-11-23");
    assertThatThrownBy(() -> NightReportReader.read(spark, tmp.resolve("nothing").toString(), NIGHT, 50))
        .isInstanceOf(CallqaException.class).hasMessageContaining("callqa ingest");
    String onlyCalls = tmp.resolve("only-calls").toString();
    spark.read().parquet(out + "/" + CallsTable.NAME).write().partitionBy(Tables.CALL_DATE)
        .parquet(onlyCalls + "/" + CallsTable.NAME);
    assertThatThrownBy(() -> NightReportReader.read(spark, onlyCalls, NIGHT, 50))
        .isInstanceOf(CallqaException.class).hasMessageContaining("callqa analyze");
  }

  @Test
  void aNightOfOnlyOlderCallsHasNoFlaggedCalls() {
    NightReport r = NightReportReader.read(spark, out, LocalDate.of(2026, 11, 22), 50);
    assertThat(r.totals().calls()).isEqualTo(1);
    assertThat(r.totals().avgQaScore()).isNull();
    assertThat(r.flagged()).isEmpty();
    assertThat(HtmlReport.render(r)).contains("No flagged calls this night.");
  }

  private static void write(String table, StructType schema, List<Row> rows) {
    spark.createDataFrame(rows, schema).write().mode(SaveMode.Overwrite).partitionBy(Tables.CALL_DATE)
        .parquet(out + "/" + table);
  }

  private static Row call(String id, String status, String error) {
    return callRow(id, D, status, error);
  }

  private static Row callOn(String id, LocalDate date) {
    return callRow(id, Date.valueOf(date), "ok", null);
  }

  /** Through the table's own row builder, so a new calls column needs no change here. */
  private static Row callRow(String id, Date date, String status, String error) {
    return CallsTable.row(new CallRecord(id, date.toLocalDate(), "file:/calls/" + id + ".wav", null, status, error,
        "ok".equals(status) ? 60.0 : null, 8000, "mulaw", 2, 0, "A1", "billing", "inbound", null, "m", "v",
        java.time.Instant.EPOCH, null, null, false));
  }

  private static Row summary(String id, double score) {
    StructType s = CallSummaryTable.SCHEMA;
    Object[] v = new Object[s.size()];
    Map<String, Object> values = Map.of(Tables.CALL_ID, id, Tables.CALL_DATE, D, CallsTable.AGENT_ID, "A1",
        CallsTable.DURATION_S, 60.0, CallSummaryTable.QA_SCORE, score, EventsTable.RULES_VERSION, "v1",
        CallSummaryTable.GREETING_COMPLETE, true, CallSummaryTable.CLOSING_COMPLETE, true);
    values.forEach((k, x) -> v[s.fieldIndex(k)] = x);
    return RowFactory.create(v);
  }

  private static Row event(String id, String type, String severity, Double start, Double end) {
    return RowFactory.create(id, D, type, "agent", null, start, end, start == null ? null : (Double) (end - start), severity,
        "d", "v1");
  }

  private static Row word(String id, String speaker, double start, String w, boolean redacted) {
    return RowFactory.create(id, D, speaker, start, start + 0.3, w, 0.9, redacted);
  }
}

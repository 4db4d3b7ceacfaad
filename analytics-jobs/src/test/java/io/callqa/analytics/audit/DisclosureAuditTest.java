package io.callqa.analytics.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callqa.analytics.detect.DisclosureCheck;
import io.callqa.analytics.table.DisclosureChecksTable;
import io.callqa.ingest.CallRecord;
import io.callqa.ingest.CallqaException;
import io.callqa.ingest.table.CallsTable;
import io.callqa.ingest.table.Tables;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit's aggregation on small hand-made tables (real Spark local mode, real Parquet): two dates, two
 * disclosures, calls that said a disclosure in its window, late, or not at all.
 */
class DisclosureAuditTest {
  private static final LocalDate D1 = LocalDate.of(2026, 11, 23);
  private static final LocalDate D2 = LocalDate.of(2026, 11, 24);
  @TempDir static Path tmp;
  private static SparkSession spark;
  private static String out;

  @BeforeAll
  static void writeTables() {
    spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    out = tmp.resolve("out").toString();
    List<Row> calls = new ArrayList<>();
    List<Row> checks = new ArrayList<>();
    // day 1: c1 all good; c2 notice late; c3 notice missing, collections: miranda missing; c4 failed (no checks)
    call(calls, "c1", D1, "/rec/c1.wav", "A100", CallRecord.OK);
    call(calls, "c2", D1, "/rec/c2.wav", "A200", CallRecord.OK);
    call(calls, "c3", D1, "/rec/c3, night.wav", "A100", CallRecord.OK);
    call(calls, "c4", D1, "/rec/c4.wav", "A100", CallRecord.FAILED);
    check(checks, "c1", D1, "recording_notice", true, 4.2, true, 0.95, "v1", DisclosureCheck.TRANSCRIPT);
    check(checks, "c2", D1, "recording_notice", true, 41.0, false, 0.90, "v1", DisclosureCheck.SECOND_LISTEN);
    check(checks, "c3", D1, "recording_notice", false, null, false, 0.31, "v1", null);
    check(checks, "c3", D1, "mini_miranda", false, null, false, 0.12, "v1", null);
    // day 2, analysed with other rules: c5 missing the notice, c6 good
    call(calls, "c5", D2, "/rec/c5.wav", "A300", CallRecord.OK);
    call(calls, "c6", D2, "/rec/c6.wav", "A300", CallRecord.OK);
    check(checks, "c5", D2, "recording_notice", false, null, false, 0.40, "v2", null);
    check(checks, "c6", D2, "recording_notice", true, 3.0, true, 1.0, "v2", DisclosureCheck.TRANSCRIPT);
    write(calls, CallsTable.NAME, CallsTable.SCHEMA);
    write(checks, DisclosureChecksTable.NAME, DisclosureChecksTable.SCHEMA);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void countsPerDisclosureAndListsEveryFindingWithAgentAndFile() {
    AuditReport r = DisclosureAudit.run(spark, out, null, null);
    assertThat(r.disclosures()).containsExactly(
        new AuditReport.DisclosureSummary("mini_miranda", 1, 0, 0, 1, 0, "v1"),
        new AuditReport.DisclosureSummary("recording_notice", 5, 2, 1, 2, 1, "v1,v2"));
    assertThat(r.disclosures().get(1).missingRate()).isEqualTo(0.4);
    assertThat(r.findings()).extracting(f -> f.disclosureId() + " " + f.finding() + " " + f.callId() + " "
        + f.agentId() + " " + f.sourcePath()).containsExactly(
        "mini_miranda missing c3 A100 /rec/c3, night.wav",
        "recording_notice late c2 A200 /rec/c2.wav",
        "recording_notice missing c3 A100 /rec/c3, night.wav",
        "recording_notice missing c5 A300 /rec/c5.wav");
    AuditReport.Finding late = r.findings().get(1);
    assertThat(late.foundAtS()).isEqualTo(41.0);
    assertThat(late.callDate()).isEqualTo(D1);
  }

  @Test
  void filtersByDateAndDisclosure() {
    AuditReport day2 = DisclosureAudit.run(spark, out, D2, null);
    assertThat(day2.disclosures()).containsExactly(
        new AuditReport.DisclosureSummary("recording_notice", 2, 1, 0, 1, 0, "v2"));
    assertThat(day2.findings()).extracting(AuditReport.Finding::callId).containsExactly("c5");
    AuditReport miranda = DisclosureAudit.run(spark, out, D1, "mini_miranda");
    assertThat(miranda.disclosures()).extracting(AuditReport.DisclosureSummary::disclosureId)
        .containsExactly("mini_miranda");
    assertThat(miranda.findings()).extracting(AuditReport.Finding::callId).containsExactly("c3");
  }

  @Test
  void unknownDateOrDisclosureSaysWhatIsThere() {
    assertThatThrownBy(() -> DisclosureAudit.run(spark, out, LocalDate.of(2026, 1, 1), null))
        .isInstanceOf(CallqaException.class).hasMessageContaining("2026-01-01")
        .hasMessageContaining("2026-11-23, 2026-11-24");
    assertThatThrownBy(() -> DisclosureAudit.run(spark, out, null, "gdpr_notice"))
        .isInstanceOf(CallqaException.class).hasMessageContaining("gdpr_notice")
        .hasMessageContaining("mini_miranda, recording_notice");
  }

  @Test
  void anOutputFolderWithoutTablesIsAClearError() {
    String empty = tmp.resolve("nothing-here").toString();
    assertThatThrownBy(() -> DisclosureAudit.run(spark, empty, null, null))
        .isInstanceOf(CallqaException.class).hasMessageContaining("No disclosure_checks table under")
        .hasMessageContaining("callqa run");
  }

  @Test
  void printsATableAndCsvWithQuotedFields() {
    AuditReport r = DisclosureAudit.run(spark, out, D1, null);
    String table = print(r::printTable);
    assertThat(table.lines().toList()).contains(
        "disclosure        applicable  found  late  missing  missing %  2nd listen  rules_version",
        "mini_miranda               1      0     0        1      100.0           0  v1",
        "recording_notice           3      1     1        1       33.3           1  v1");
    assertThat(table).contains("/rec/c3, night.wav").contains("41.0");
    String csv = print(r::printCsv);
    assertThat(csv.lines().toList()).containsExactly(
        "disclosure_id,applicable,found,late,missing,found_by_second_listen,rules_version",
        "mini_miranda,1,0,0,1,0,v1",
        "recording_notice,3,1,1,1,1,v1",
        "",
        "disclosure_id,finding,call_date,agent_id,source_path,found_at_s,similarity,call_id",
        "mini_miranda,missing,2026-11-23,A100,\"/rec/c3, night.wav\",,0.1200,c3",
        "recording_notice,late,2026-11-23,A200,/rec/c2.wav,41.0,0.9000,c2",
        "recording_notice,missing,2026-11-23,A100,\"/rec/c3, night.wav\",,0.3100,c3");
  }

  private static String print(java.util.function.Consumer<PrintStream> p) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    p.accept(new PrintStream(buf, true, StandardCharsets.UTF_8));
    return buf.toString(StandardCharsets.UTF_8);
  }

  private static void call(List<Row> rows, String id, LocalDate date, String path, String agent, String status) {
    rows.add(CallsTable.row(new CallRecord(id, date, path, "sha-" + id, status, null, 60.0, 8000, "mulaw", 2, 0,
        agent, "billing", "inbound", null, "vosk-small", "test", Instant.parse("2026-11-25T00:00:00Z"), null, null, false)));
  }

  private static void check(List<Row> rows, String id, LocalDate date, String disclosure, boolean found, Double at,
      boolean inWindow, double similarity, String rulesVersion, String foundBy) {
    rows.add(DisclosureChecksTable.row(id, date, new DisclosureCheck(disclosure, "agent", found, at,
        found ? "matched words" : null, similarity, inWindow, foundBy, null), rulesVersion));
  }

  private static void write(List<Row> rows, String table, org.apache.spark.sql.types.StructType schema) {
    spark.createDataFrame(rows, schema).write().mode(SaveMode.Overwrite).partitionBy(Tables.CALL_DATE)
        .parquet(Tables.path(out, table));
  }
}

package io.callqa.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real night: {@code callqa run} on the bundled sample calls (real Vosk with the bundled model, real Spark
 * local mode, real Parquet), plus a non-audio file and a cut-off recording dropped into the input folder
 * ({@link SampleNight}, shared with the report tests). Detections are compared with
 * examples/labels.json, written by examples/generate_samples.py from the calls' timelines.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleNightEndToEndTest {
  /**
   * Boundary tolerance: speech edges from voice activity are within ~0.25 s on 8 kHz audio (audio-features'
   * SampleCallsTest), holds end at the agent's first recognised word (Vosk word times are +-0.3 s), and raised
   * voice is measured in 1-second windows every 0.25 s, so its edges can be off by up to a window.
   */
  private static final Map<String, Double> TOLERANCE_S = Map.of("dead_air", 0.5, "over_talk", 0.5, "hold", 1.0,
      "raised_voice", 1.0);

  private static final Path ROOT = repoRoot();
  /** Files added to the sample calls: a non-audio file and a cut-off recording. */
  private static final int EXTRA_FILES = 2;
  @TempDir static Path tmp;
  private static Path out;
  private static int exitCode;
  private static SparkSession spark;
  private static JsonNode labels;

  @BeforeAll
  static void runTheNight() throws IOException {
    // the night is run once per test JVM (SampleNight); this class changes its tables, so it works on a copy
    SampleNight.Night night = SampleNight.copyTo(tmp);
    out = night.out();
    exitCode = night.exitCode();
    labels = new ObjectMapper().readTree(ROOT.resolve("examples/labels.json").toFile()).path("calls");
    spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  @Order(1)
  void everyFileEndsInCallsAndTheBadOneFailsWithExitCode3() {
    assertThat(exitCode).isEqualTo(Main.SOME_FAILED);
    List<Row> calls = sql("SELECT regexp_extract(source_path, '[^/]+$', 0) AS f, status, error, agent_id, queue,"
        + " call_date FROM parquet.`" + out.resolve("calls") + "` ORDER BY f");
    assertThat(calls).hasSize(labels.size() + EXTRA_FILES);
    Row bad = calls.stream().filter(r -> r.getString(0).equals("notes.wav")).findFirst().orElseThrow();
    assertThat(bad.getString(1)).isEqualTo("failed");
    assertThat(bad.getString(2)).contains("notes.wav").containsIgnoringCase("not an audio file");
    Row cut = calls.stream().filter(r -> r.getString(0).equals("cut_off.wav")).findFirst().orElseThrow();
    assertThat(cut.getString(1)).isEqualTo("failed");
    assertThat(cut.getString(2)).contains("cut off").contains("--salvage-truncated");
    assertThat(calls.stream().filter(r -> !r.getString(0).equals("notes.wav") && !r.getString(0).equals("cut_off.wav")))
        .allSatisfy(r -> assertThat(r.getString(1)).as(r.getString(0)).isEqualTo("ok"));
    Row first = calls.stream().filter(r -> r.getString(0).equals("call01_good.wav")).findFirst().orElseThrow();
    assertThat(first.getString(3)).isEqualTo("A100");
    assertThat(first.getString(4)).isEqualTo("collections");
    assertThat(first.get(5).toString()).isEqualTo("2026-11-23");
  }

  @Test
  @Order(2)
  void allEightContractTablesAreWritten() {
    for (String table : List.of("calls", "words", "utterances", "speech_segments", "events", "disclosure_checks",
        "call_summary", "agent_daily")) {
      assertThat(out.resolve(table).resolve("call_date=2026-11-23")).as(table).isDirectory();
    }
    long words = sql("SELECT count(*) FROM parquet.`" + out.resolve("words") + "`").get(0).getLong(0);
    assertThat(words).as("recognised words").isGreaterThan(300);
    // redaction is on by default and recorded; the sample calls hold no personal data ("three to five days",
    // "one moment", "your account number please" without one given), so nothing may be redacted
    assertThat(sql("SELECT count(*) FROM parquet.`" + out.resolve("calls") + "` WHERE NOT pii_kept").get(0)
        .getLong(0)).as("calls redacted, not kept").isEqualTo(sql("SELECT count(*) FROM parquet.`"
        + out.resolve("calls") + "`").get(0).getLong(0));
    assertThat(sql("SELECT count(*) FROM parquet.`" + out.resolve("words") + "` WHERE redacted").get(0).getLong(0))
        .as("words redacted in calls without personal data").isZero();
  }

  @Test
  @Order(3)
  void acousticEventsMatchTheLabels() {
    Map<String, List<Row>> detected = new HashMap<>();
    for (Row r : sql("SELECT regexp_extract(c.source_path, '[^/]+$', 0), e.event_type, e.start_s, e.end_s,"
        + " e.interrupter, e.speaker FROM parquet.`" + out.resolve("events") + "` e JOIN parquet.`"
        + out.resolve("calls") + "` c USING (call_id) WHERE e.event_type IN ('dead_air','hold','over_talk',"
        + "'raised_voice')")) {
      detected.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r);
    }
    int expected = 0;
    for (JsonNode call : labels) {
      String file = call.path("file").asText();
      List<Row> found = detected.getOrDefault(file, List.of());
      List<JsonNode> wanted = new ArrayList<>();
      call.path("events").forEach(e -> {
        if (TOLERANCE_S.containsKey(e.path("type").asText())) {
          wanted.add(e);
        }
      });
      expected += wanted.size();
      assertThat(found).as("acoustic events of " + file).hasSameSizeAs(wanted);
      for (JsonNode w : wanted) {
        String type = w.path("type").asText();
        double tol = TOLERANCE_S.get(type);
        assertThat(found).as(file + " " + type + " near " + w.path("start_s").asDouble()).anySatisfy(r -> {
          assertThat(r.getString(1)).isEqualTo(type);
          assertThat(r.getDouble(2)).isCloseTo(w.path("start_s").asDouble(), org.assertj.core.data.Offset.offset(tol));
          assertThat(r.getDouble(3)).isCloseTo(w.path("end_s").asDouble(), org.assertj.core.data.Offset.offset(tol));
          if (w.has("interrupter")) {
            assertThat(r.getString(4)).isEqualTo(w.path("interrupter").asText());
          }
          if (w.has("speaker")) {
            assertThat(r.getString(5)).isEqualTo(w.path("speaker").asText());
          }
        });
      }
    }
    assertThat(expected).as("labelled acoustic events in the samples").isEqualTo(5);
  }

  @Test
  @Order(4)
  void disclosuresGreetingAndClosingMatchTheLabels() {
    Map<String, Boolean> found = new HashMap<>();
    for (Row r : sql("SELECT regexp_extract(c.source_path, '[^/]+$', 0), d.disclosure_id, d.found FROM parquet.`"
        + out.resolve("disclosure_checks") + "` d JOIN parquet.`" + out.resolve("calls") + "` c USING (call_id)")) {
      found.put(r.getString(0) + "/" + r.getString(1), r.getBoolean(2));
    }
    Map<String, Boolean> expected = new HashMap<>();
    labels.forEach(c -> c.path("disclosures").fields()
        .forEachRemaining(e -> expected.put(c.path("file").asText() + "/" + e.getKey(), e.getValue().asBoolean())));
    assertThat(found).isEqualTo(expected);

    List<String> scriptEvents = new ArrayList<>();
    sql("SELECT regexp_extract(c.source_path, '[^/]+$', 0), e.event_type FROM parquet.`" + out.resolve("events")
        + "` e JOIN parquet.`" + out.resolve("calls") + "` c USING (call_id) WHERE e.event_type IN"
        + " ('missing_disclosure', 'greeting_incomplete', 'closing_missing', 'hold_not_asked')")
        .forEach(r -> scriptEvents.add(r.getString(0) + "/" + r.getString(1)));
    List<String> labelled = new ArrayList<>();
    labels.forEach(c -> c.path("events").forEach(e -> {
      String t = e.path("type").asText();
      if (List.of("missing_disclosure", "greeting_incomplete", "closing_missing", "hold_not_asked").contains(t)) {
        labelled.add(c.path("file").asText() + "/" + t);
      }
    }));
    assertThat(scriptEvents).containsExactlyInAnyOrderElementsOf(labelled);
  }

  @Test
  @Order(5)
  void auditCountsEachDisclosureAndListsTheMissingCallsWithAgentAndFile() {
    // expected from the labels: applicable calls per disclosure, those without it, those with it late
    Map<String, long[]> expected = new java.util.TreeMap<>(); // id -> applicable, found in window, late, missing
    List<String> missingCalls = new ArrayList<>();
    labels.forEach(c -> c.path("disclosures").fields().forEachRemaining(e -> {
      long[] n = expected.computeIfAbsent(e.getKey(), k -> new long[4]);
      n[0]++;
      boolean late = false;
      for (JsonNode ev : c.path("events")) {
        late |= ev.path("type").asText().equals("late_disclosure")
            && ev.path("disclosure_id").asText().equals(e.getKey());
      }
      n[!e.getValue().asBoolean() ? 3 : late ? 2 : 1]++;
      if (!e.getValue().asBoolean()) {
        missingCalls.add(e.getKey() + ",missing,2026-11-23," + c.path("agent_id").asText() + ",");
        missingCalls.add(c.path("file").asText());
      }
    }));
    assertThat(expected.get("recording_notice")[3]).as("the samples miss one notice").isEqualTo(1);
    java.util.function.Supplier<Integer> run = () -> Main.execute("audit", "--output", out.toString(), "--csv",
        "--master", "local[2]");
    String[] result = new String[1];
    int code = captureOut(run, result);
    assertThat(code).isEqualTo(Main.OK);
    List<String> lines = result[0].lines().toList();
    List<String> counts = new ArrayList<>();
    expected.forEach((id, n) -> counts.add(id + "," + n[0] + "," + n[1] + "," + n[2] + "," + n[3] + ","));
    assertThat(lines.get(0))
        .isEqualTo("disclosure_id,applicable,found,late,missing,found_by_second_listen,rules_version");
    assertThat(lines.subList(1, 1 + counts.size())).hasSameSizeAs(counts).allSatisfy(l ->
        assertThat(counts).anySatisfy(c -> assertThat(l).startsWith(c)));
    List<String> findings = lines.subList(counts.size() + 3, lines.size());
    assertThat(findings).filteredOn(l -> l.contains(",missing,")).hasSize(missingCalls.size() / 2);
    for (int i = 0; i < missingCalls.size(); i += 2) {
      String prefix = missingCalls.get(i);
      String file = missingCalls.get(i + 1);
      assertThat(findings).anySatisfy(l -> assertThat(l).startsWith(prefix).contains(file));
    }

    // the terminal table, one disclosure
    code = captureOut(() -> Main.execute("audit", "--output", out.toString(), "--disclosure", "recording_notice",
        "--date", "2026-11-23", "--master", "local[2]"), result);
    assertThat(code).isEqualTo(Main.OK);
    assertThat(result[0]).contains("disclosure", "applicable", "missing %", "call02_dead_air.wav")
        .doesNotContain("mini_miranda");
    assertThat(Main.execute("audit", "--output", out.toString(), "--disclosure", "no_such_notice", "--master",
        "local[2]")).isEqualTo(Main.FATAL);
    spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate();
  }

  private static int captureOut(java.util.function.Supplier<Integer> r, String[] out) {
    java.io.PrintStream old = System.out;
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      return r.get();
    } finally {
      System.setOut(old);
      out[0] = buf.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Test
  @Order(6)
  void monoCallHasNoPerPartyMetricsAndSummariesCoverEveryCall() {
    List<Row> rows = sql("SELECT regexp_extract(c.source_path, '[^/]+$', 0), s.agent_talk_s, s.turn_count,"
        + " s.qa_score, s.dead_air_count FROM parquet.`" + out.resolve("call_summary") + "` s JOIN parquet.`"
        + out.resolve("calls") + "` c USING (call_id)");
    assertThat(rows).hasSize(labels.size());
    Row mono = rows.stream().filter(r -> r.getString(0).equals("call06_mono.wav")).findFirst().orElseThrow();
    assertThat(mono.isNullAt(1)).isTrue();
    assertThat(mono.isNullAt(2)).isTrue();
    assertThat(mono.getInt(4)).isEqualTo(1);
    Row good = rows.stream().filter(r -> r.getString(0).equals("call01_good.wav")).findFirst().orElseThrow();
    assertThat(good.getDouble(3)).isEqualTo(100.0);
    assertThat(good.getDouble(1)).isGreaterThan(10.0);
    long agents = sql("SELECT count(*) FROM parquet.`" + out.resolve("agent_daily") + "`").get(0).getLong(0);
    assertThat(agents).as("agents A100 and A200 on one day").isEqualTo(2);
  }

  @Test
  @Order(7)
  void rerunningTheSameNightAddsNoRows() {
    long before = sql("SELECT count(*) FROM parquet.`" + out.resolve("words") + "`").get(0).getLong(0);
    int code = Main.execute("ingest", "--input", tmp.resolve("calls").toString(), "--output", out.toString(),
        "--master", "local[2]");
    assertThat(code).as("nothing new to process, nothing failed").isEqualTo(Main.OK);
    spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate();
    assertThat(sql("SELECT count(*) FROM parquet.`" + out.resolve("calls") + "`").get(0).getLong(0))
        .isEqualTo(labels.size() + EXTRA_FILES);
    assertThat(sql("SELECT count(*) FROM parquet.`" + out.resolve("words") + "`").get(0).getLong(0)).isEqualTo(before);
  }

  @Test
  @Order(8)
  void reprocessingACallReplacesItsRowsInsteadOfAddingToThem() {
    String call05 = "regexp_extract(c.source_path, '[^/]+$', 0) = 'call05_raised_voice.wav'";
    String wordsOf = "SELECT count(*) FROM parquet.`" + out.resolve("words") + "` w JOIN parquet.`"
        + out.resolve("calls") + "` c USING (call_id) WHERE ";
    long calls = count("calls");
    long otherWords = sql(wordsOf + "NOT " + call05).get(0).getLong(0);
    long ownWords = sql(wordsOf + call05).get(0).getLong(0);
    // without the manifest the call now gets another call_date (the file's date): its old rows must go anyway
    int code = Main.execute("ingest", "--input", tmp.resolve("calls/call05_raised_voice.wav").toString(),
        "--output", out.toString(), "--master", "local[2]", "--reprocess");
    assertThat(code).isEqualTo(Main.OK);
    spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate();
    assertThat(count("calls")).isEqualTo(calls);
    assertThat(sql(wordsOf + "NOT " + call05).get(0).getLong(0)).isEqualTo(otherWords);
    assertThat(sql(wordsOf + call05).get(0).getLong(0)).as("the same transcript again, not a second one")
        .isEqualTo(ownWords);
  }

  @Test
  @Order(9)
  void aRulesChangeIsAppliedByAnalyzeAloneAndStaleEventsDisappear() throws IOException {
    String oldVersion = sql("SELECT first(rules_version) FROM parquet.`" + out.resolve("events") + "`").get(0)
        .getString(0);
    Path rules = tmp.resolve("rules-strict.yaml");
    Files.writeString(rules, Files.readString(ROOT.resolve("examples/rules.yaml"))
        .replace("min_duration_s: 5.0", "min_duration_s: 60.0"));
    int code = Main.execute("analyze", "--output", out.toString(), "--rules", rules.toString(), "--master",
        "local[2]");
    assertThat(code).isEqualTo(Main.OK);
    spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate();
    List<Row> versions = sql("SELECT DISTINCT rules_version FROM parquet.`" + out.resolve("events") + "`");
    assertThat(versions).singleElement().satisfies(r -> assertThat(r.getString(0)).isNotEqualTo(oldVersion));
    assertThat(sql("SELECT count(*) FROM parquet.`" + out.resolve("events") + "` WHERE event_type = 'dead_air'")
        .get(0).getLong(0)).as("no silence in the samples lasts 60 s").isZero();
    assertThat(sql("SELECT count(*) FROM parquet.`" + out.resolve("events") + "` WHERE event_type = 'over_talk'")
        .get(0).getLong(0)).as("other detections unchanged").isEqualTo(1);
  }

  @Test
  @Order(10)
  void aCutOffRecordingIsAnalysedWhenSalvagingIsAskedFor() {
    int code = Main.execute("ingest", "--input", tmp.resolve("calls/cut_off.wav").toString(), "--output",
        out.toString(), "--master", "local[2]", "--reprocess", "--salvage-truncated");
    assertThat(code).isEqualTo(Main.OK);
    spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate();
    Row cut = sql("SELECT status, duration_s FROM parquet.`" + out.resolve("calls")
        + "` WHERE source_path LIKE '%cut_off.wav'").get(0);
    assertThat(cut.getString(0)).isEqualTo("ok");
    double full = labels.get(5).path("duration_s").asDouble();
    assertThat(cut.getDouble(1)).as("the part that is there").isCloseTo(full * 3 / 5, within(0.5));
  }

  private static long count(String table) {
    return sql("SELECT count(*) FROM parquet.`" + out.resolve(table) + "`").get(0).getLong(0);
  }

  private static List<Row> sql(String q) {
    return spark.sql(q).collectAsList();
  }

  static Path repoRoot() {
    String prop = System.getProperty("callqa.repo.root");
    if (prop != null && Files.exists(Path.of(prop, "examples/labels.json"))) {
      return Path.of(prop);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p.resolve("examples/labels.json"))) {
        return p;
      }
    }
    throw new IllegalStateException("cannot find the repository root (examples/labels.json)");
  }
}

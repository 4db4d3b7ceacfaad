package io.callqa.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.when;

import io.callqa.analytics.AnalyticsConfig;
import io.callqa.analytics.AnalyticsJob;
import io.callqa.ingest.table.CallsTable;
import io.callqa.ingest.table.LoudnessTable;
import io.callqa.ingest.table.SoundSegmentsTable;
import io.callqa.ingest.table.SpeechSegmentsTable;
import io.callqa.ingest.table.Tables;
import io.callqa.ingest.table.WordsTable;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Analytics at scale: ingest tables for 10,000 synthetic two-minute stereo calls are generated directly as
 * Parquet (about 3.6 M words, 0.6 M speech segments, 9.6 M loudness windows), then the analytics job is timed on
 * local[2]. Prints calls per second and peak RSS; asserts nothing about speed. Target (issue 5): >= 200 calls/s.
 *
 * <p>Run: {@code mvn test -pl cli -am -DexcludedGroups= -Dgroups=benchmark -Dtest=AnalyticsScaleBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}
 */
@Tag("benchmark")
class AnalyticsScaleBenchmark {
  private static final int CALLS = 10_000;
  private static final int SEGMENTS_PER_CALL = 60;   // 30 turns each, 2 s apart
  private static final int WORDS_PER_SEGMENT = 6;
  private static final double DURATION_S = 120;

  @Test
  void analyticsOnTenThousandCalls(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("out");
    try (SparkSession spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "8").config("spark.sql.session.timeZone", "UTC").getOrCreate()) {
      spark.sparkContext().setLogLevel("WARN");
      long g0 = System.nanoTime();
      generate(spark, out);
      System.out.printf(Locale.ROOT, "generated ingest tables for %d calls in %.1f s%n", CALLS,
          (System.nanoTime() - g0) / 1e9);
      Path rules = SampleNightEndToEndTest.repoRoot().resolve("examples/rules.yaml");
      long rss0 = rss();
      long t0 = System.nanoTime();
      long cpu0 = cpu();
      AnalyticsJob.Result r = AnalyticsJob.run(spark,
          new AnalyticsConfig(out.toString(), rules.toString(), null, null));
      double wall = (System.nanoTime() - t0) / 1e9;
      double cpuS = (cpu() - cpu0) / 1e9;
      System.out.printf(Locale.ROOT, "analytics: %d calls, %d events in %.1f s wall, %.1f s CPU -> %.0f calls/s"
          + " (target >= 200); RSS before %.0f MiB, peak (VmHWM) %.0f MiB%n", r.calls(), r.events(), wall, cpuS,
          r.calls() / wall, rss0 / 1048576.0, hwm() / 1048576.0);
    }
  }

  private static void generate(SparkSession spark, Path out) {
    Column id = format_string("c%019d", col("n"));
    Column date = expr("date_add(date'2026-11-23', cast(n % 5 as int))");
    Dataset<Row> calls = spark.range(CALLS).withColumnRenamed("id", "n")
        .select(id.as(Tables.CALL_ID), date.as(Tables.CALL_DATE), concat(lit("file:/calls/"), id, lit(".wav"))
            .as(CallsTable.SOURCE_PATH), lit(null).cast("string").as(CallsTable.CONTENT_SHA256),
            lit("ok").as(CallsTable.STATUS), lit(null).cast("string").as(CallsTable.ERROR),
            lit(DURATION_S).as(CallsTable.DURATION_S), lit(8000).as(CallsTable.SAMPLE_RATE),
            lit("mulaw").as(CallsTable.ENCODING), lit(2).as(CallsTable.CHANNELS), lit(0).as(CallsTable.AGENT_CHANNEL),
            format_string("A%03d", expr("n % 200")).as(CallsTable.AGENT_ID),
            when(expr("n % 4 = 0"), lit("collections")).otherwise(lit("billing")).as(CallsTable.QUEUE),
            lit("inbound").as(CallsTable.DIRECTION), lit(null).cast("timestamp").as(CallsTable.STARTED_AT),
            lit("synthetic").as(CallsTable.ASR_MODEL), lit("bench").as(CallsTable.PIPELINE_VERSION),
            expr("current_timestamp()").as(CallsTable.INGESTED_AT), lit(50.0).as(CallsTable.ASR_INPUT_S),
            lit(5.0).as(CallsTable.ASR_CPU_S), lit(false).as(CallsTable.PII_KEPT));
    write(calls, CallsTable.SCHEMA, out, CallsTable.NAME);

    // segment k of a call: speaker alternates, 1.6-1.9 s long, one every 2 s; every 7th call has a 7 s gap
    Dataset<Row> segments = spark.range(CALLS).withColumnRenamed("id", "n")
        .select(col("n"), explode(sequence(lit(0), lit(SEGMENTS_PER_CALL - 1))).as("k"))
        .withColumn("start", expr("k * 2.0 + case when n % 7 = 0 and k >= 30 then 7.0 else 0.0 end"))
        .withColumn("spk", expr("case when k % 2 = 0 then 'agent' else 'customer' end"));
    write(segments.select(id.as(Tables.CALL_ID), date.as(Tables.CALL_DATE), col("spk").as(Tables.SPEAKER),
        col("start").as(Tables.START_S), expr("start + 1.6 + (k % 3) * 0.1").as(Tables.END_S),
        expr("-30.0 + (k % 5)").as(SpeechSegmentsTable.MEAN_DBFS), expr("-20.0").as(SpeechSegmentsTable.PEAK_DBFS)),
        SpeechSegmentsTable.SCHEMA, out, SpeechSegmentsTable.NAME);

    Column vocab = expr("array('thank','you','for','calling','how','can','i','help','this','call','may','be',"
        + "'recorded','quality','and','training','purposes','is','there','anything','else','great','day','account')");
    write(segments.select(col("n"), col("k"), col("start"), col("spk"),
            explode(sequence(lit(0), lit(WORDS_PER_SEGMENT - 1))).as("j"))
        .select(id.as(Tables.CALL_ID), date.as(Tables.CALL_DATE), col("spk").as(Tables.SPEAKER),
            expr("start + j * 0.26").as(Tables.START_S), expr("start + j * 0.26 + 0.22").as(Tables.END_S),
            element_at(vocab, expr("cast((n + k * 7 + j) % 24 + 1 as int)")).as(WordsTable.WORD),
            lit(0.9).as(WordsTable.CONFIDENCE), lit(false).as(WordsTable.REDACTED)),
        WordsTable.SCHEMA, out, WordsTable.NAME);

    write(spark.range(CALLS).withColumnRenamed("id", "n").where("n % 10 = 0")
        .select(id.as(Tables.CALL_ID), date.as(Tables.CALL_DATE), lit("agent").as(Tables.SPEAKER),
            lit("tone").as(SoundSegmentsTable.KIND), lit(70.0).as(Tables.START_S), lit(90.0).as(Tables.END_S),
            lit(-20.0).as(SoundSegmentsTable.PEAK_DBFS)), SoundSegmentsTable.SCHEMA, out, SoundSegmentsTable.NAME);

    write(spark.range(CALLS).withColumnRenamed("id", "n")
        .select(col("n"), explode(expr("array('agent', 'customer')")).as("spk"))
        .select(col("n"), col("spk"), explode(sequence(lit(0), lit((int) (DURATION_S * 4) - 5))).as("w"))
        .select(id.as(Tables.CALL_ID), date.as(Tables.CALL_DATE), col("spk").as(Tables.SPEAKER),
            expr("w * 0.25").as(Tables.START_S), expr("-32.0 + (w % 9) * 0.5").as(LoudnessTable.DBFS)),
        LoudnessTable.SCHEMA, out, LoudnessTable.NAME);
  }

  private static void write(Dataset<Row> rows, StructType schema, Path out, String table) {
    Column[] typed = java.util.Arrays.stream(schema.fields()).map(f -> col(f.name()).cast(f.dataType()))
        .toArray(Column[]::new);
    rows.select(typed).write().partitionBy(Tables.CALL_DATE).parquet(Tables.path(out.toString(), table));
  }

  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long rss() throws Exception {
    return status("VmRSS:");
  }

  private static long hwm() throws Exception {
    return status("VmHWM:");
  }

  private static long status(String key) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith(key)) {
        return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
      }
    }
    return 0;
  }
}

package io.callqa.analytics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.callqa.analytics.detect.CallAnalyzer;
import io.callqa.analytics.detect.CallInput;
import io.callqa.analytics.rules.Rules;
import io.callqa.analytics.rules.RulesLoader;
import io.callqa.analytics.table.AgentDailyTable;
import io.callqa.analytics.table.CallSummaryTable;
import io.callqa.analytics.table.DisclosureChecksTable;
import io.callqa.analytics.table.EventsTable;
import io.callqa.ingest.CallRecord;
import io.callqa.ingest.CallqaException;
import io.callqa.ingest.asr.VoskModels;
import io.callqa.ingest.table.CallsTable;
import io.callqa.ingest.table.LoudnessTable;
import io.callqa.ingest.table.PartitionCommit;
import io.callqa.ingest.table.SoundSegmentsTable;
import io.callqa.ingest.table.SpeechSegmentsTable;
import io.callqa.ingest.table.Tables;
import io.callqa.ingest.table.WordsTable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.SerializableConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analytics stage: reads the ingest tables and the rules file, runs {@link CallAnalyzer} on every
 * successfully ingested call (on the executors, one call's rows gathered by {@link CallInputs}), and writes
 * {@code events}, {@code disclosure_checks}, {@code call_summary} and {@code agent_daily}. Every call_date it
 * analyses is recomputed from the ingest tables and replaced as a whole ({@link PartitionCommit}), so rerunning
 * with changed rules updates the results and leaves nothing stale.
 */
public final class AnalyticsJob {
  private static final Logger LOG = LoggerFactory.getLogger(AnalyticsJob.class);

  /** What an analytics run did. */
  public record Result(long calls, long events, String rulesVersion) {}

  /** The tables this job writes, all committed together. */
  public static final List<String> TABLES = List.of(EventsTable.NAME, DisclosureChecksTable.NAME,
      CallSummaryTable.NAME, AgentDailyTable.NAME);

  private AnalyticsJob() {}

  public static Result run(SparkSession spark, AnalyticsConfig config) {
    Rules rules = RulesLoader.load(Path.of(config.rulesFile()));
    if (rules.secondListen().enabled()) {
      VoskModels.validate(config.modelDir()); // at start-up, not on the first executor that needs it
    }
    String out = config.output();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    PartitionCommit.recover(conf, out);
    requireTable(spark, out, CallsTable.NAME);
    LocalDate date = config.date();
    Dataset<Row> allCalls = onDate(read(spark, out, CallsTable.NAME, CallsTable.SCHEMA), date);
    List<LocalDate> dates = new ArrayList<>();
    for (Row r : allCalls.select(col(Tables.CALL_DATE)).distinct().collectAsList()) {
      dates.add(toLocalDate(r.get(0)));
    }
    JavaRDD<CallInput> inputs = CallInputs.assemble(
        allCalls.where(col(CallsTable.STATUS).equalTo(CallRecord.OK)),
        onDate(read(spark, out, WordsTable.NAME, WordsTable.SCHEMA), date),
        onDate(read(spark, out, SpeechSegmentsTable.NAME, SpeechSegmentsTable.SCHEMA), date),
        onDate(read(spark, out, SoundSegmentsTable.NAME, SoundSegmentsTable.SCHEMA), date),
        onDate(read(spark, out, LoudnessTable.NAME, LoudnessTable.SCHEMA), date));
    // cached without the inputs (words, loudness...): each output table is written from it in turn, and evicted
    // blocks would mean assembling and analysing every call again
    RecordingListener listener = new RecordingListener(config.modelDir(), new SerializableConfiguration(conf));
    JavaRDD<CallAnalyzer.Analysis> analyses = inputs.map(in -> CallAnalyzer.analyze(in, rules, listener)
            .withoutInput())
        .persist(StorageLevel.MEMORY_AND_DISK());
    String v = rules.version();
    PartitionCommit batch = PartitionCommit.begin(out);
    long n;
    long events;
    try {
      stage(spark, batch, analyses.flatMap(a -> EventsTable.rows(a, v).iterator()), EventsTable.NAME,
          EventsTable.SCHEMA, dates);
      stage(spark, batch, analyses.flatMap(a -> DisclosureChecksTable.rows(a, v).iterator()),
          DisclosureChecksTable.NAME, DisclosureChecksTable.SCHEMA, dates);
      stage(spark, batch, analyses.map(a -> CallSummaryTable.row(a, v)), CallSummaryTable.NAME,
          CallSummaryTable.SCHEMA, dates);
      Dataset<Row> summaries = read(spark, batch.stagingPath(CallSummaryTable.NAME), CallSummaryTable.SCHEMA);
      Dataset<Row> daily = AgentDailyTable.aggregate(summaries);
      daily.write().mode(SaveMode.Overwrite).partitionBy(Tables.CALL_DATE)
          .parquet(batch.stagingPath(AgentDailyTable.NAME));
      batch.stageEmptyPartitions(spark, AgentDailyTable.NAME, daily.schema(), dates);
      n = analyses.count();
      events = analyses.map(a -> (long) a.events().size()).fold(0L, Long::sum);
      batch.commit(conf, TABLES, dates);
    } catch (RuntimeException e) {
      batch.abort(conf);
      throw e;
    } finally {
      analyses.unpersist(false);
    }
    LOG.info("Analysed {} calls, {} events, rules_version {}", n, events, v);
    return new Result(n, events, v);
  }

  private static void requireTable(SparkSession spark, String out, String table) {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(Tables.path(out, table));
    try {
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(p)) {
        throw CallqaException.noIngestTables(out);
      }
    } catch (IOException e) {
      throw CallqaException.output(out, e);
    }
  }

  private static Dataset<Row> read(SparkSession spark, String out, String table, StructType schema) {
    return read(spark, Tables.path(out, table), schema);
  }

  private static Dataset<Row> read(SparkSession spark, String path, StructType schema) {
    return spark.read().schema(schema).parquet(path);
  }

  private static LocalDate toLocalDate(Object v) {
    return v instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) v;
  }

  /** The rows of {@code date}'s partition only, or all rows when no date is given. */
  private static Dataset<Row> onDate(Dataset<Row> table, LocalDate date) {
    return date == null ? table : table.where(col(Tables.CALL_DATE).equalTo(lit(java.sql.Date.valueOf(date))));
  }

  private static void stage(SparkSession spark, PartitionCommit batch, JavaRDD<Row> rows, String table,
      StructType schema, List<LocalDate> dates) {
    Tables.forWriting(spark.createDataFrame(rows, schema), spark).write().mode(SaveMode.Overwrite)
        .partitionBy(Tables.CALL_DATE)
        .parquet(batch.stagingPath(table));
    batch.stageEmptyPartitions(spark, table, schema, dates);
  }
}

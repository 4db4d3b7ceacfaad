package io.callqa.analytics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

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
import io.callqa.ingest.LoudnessPoint;
import io.callqa.ingest.SoundSegment;
import io.callqa.ingest.Speaker;
import io.callqa.ingest.SpeechSegment;
import io.callqa.ingest.Word;
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
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analytics stage: reads the ingest tables and the rules file, runs {@link CallAnalyzer} on every
 * successfully ingested call (on the executors, one call's data grouped into one row), and writes
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
    String out = config.output();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    PartitionCommit.recover(conf, out);
    requireTable(spark, out, CallsTable.NAME);
    Dataset<Row> allCalls = read(spark, out, CallsTable.NAME, CallsTable.SCHEMA);
    if (config.date() != null) {
      allCalls = allCalls.where(col(Tables.CALL_DATE).equalTo(lit(java.sql.Date.valueOf(config.date()))));
    }
    List<LocalDate> dates = new ArrayList<>();
    for (Row r : allCalls.select(col(Tables.CALL_DATE)).distinct().collectAsList()) {
      dates.add(toLocalDate(r.get(0)));
    }
    Dataset<Row> calls = allCalls.where(col(CallsTable.STATUS).equalTo(CallRecord.OK));
    Dataset<Row> joined = calls.select(col(Tables.CALL_ID), col(Tables.CALL_DATE), col(CallsTable.SOURCE_PATH),
            col(CallsTable.DURATION_S), col(CallsTable.CHANNELS), col(CallsTable.AGENT_ID), col(CallsTable.QUEUE),
            col(CallsTable.DIRECTION))
        .join(nested(spark, out, WordsTable.NAME, WordsTable.SCHEMA, "w"), Tables.CALL_ID)
        .join(nested(spark, out, SpeechSegmentsTable.NAME, SpeechSegmentsTable.SCHEMA, "s"), Tables.CALL_ID)
        .join(nested(spark, out, SoundSegmentsTable.NAME, SoundSegmentsTable.SCHEMA, "n"), Tables.CALL_ID)
        .join(nested(spark, out, LoudnessTable.NAME, LoudnessTable.SCHEMA, "l"), Tables.CALL_ID);
    JavaRDD<CallAnalyzer.Analysis> analyses = joined.javaRDD()
        .map(r -> CallAnalyzer.analyze(toInput(r), rules))
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

  /** One row per call_id with all rows of {@code table} as a list of structs in column {@code alias}. */
  private static Dataset<Row> nested(SparkSession spark, String out, String table, StructType schema, String alias) {
    Dataset<Row> t = read(spark, out, table, schema);
    List<Column> fields = new ArrayList<>();
    for (String f : schema.fieldNames()) {
      if (!f.equals(Tables.CALL_ID) && !f.equals(Tables.CALL_DATE)) {
        fields.add(col(f));
      }
    }
    Dataset<Row> grouped = t.groupBy(col(Tables.CALL_ID))
        .agg(collect_list(struct(fields.toArray(new Column[0]))).as(alias));
    // keep calls that have no row in this table (e.g. no words recognised): right side gets an empty list
    Dataset<Row> ids = read(spark, out, CallsTable.NAME, CallsTable.SCHEMA).select(col(Tables.CALL_ID)).distinct();
    return ids.join(grouped, ids.col(Tables.CALL_ID).equalTo(grouped.col(Tables.CALL_ID)), "left")
        .select(ids.col(Tables.CALL_ID), grouped.col(alias));
  }

  static CallInput toInput(Row r) {
    List<Word> words = list(r, "w", x -> new Word(Speaker.fromColumn(x.getString(0)), x.getDouble(1),
        x.getDouble(2), x.getString(3), x.getDouble(4), x.getBoolean(5)));
    words.sort(Comparator.comparingDouble(Word::startS));
    List<SpeechSegment> speech = list(r, "s", x -> new SpeechSegment(Speaker.fromColumn(x.getString(0)),
        x.getDouble(1), x.getDouble(2), x.getDouble(3), x.getDouble(4)));
    speech.sort(Comparator.comparingDouble(SpeechSegment::startS));
    List<SoundSegment> sounds = list(r, "n", x -> new SoundSegment(Speaker.fromColumn(x.getString(0)),
        x.getString(1), x.getDouble(2), x.getDouble(3), x.getDouble(4)));
    sounds.sort(Comparator.comparingDouble(SoundSegment::startS));
    List<LoudnessPoint> loudness = list(r, "l", x -> new LoudnessPoint(Speaker.fromColumn(x.getString(0)),
        x.getDouble(1), x.getDouble(2)));
    loudness.sort(Comparator.comparingDouble(LoudnessPoint::startS));
    LocalDate date = toLocalDate(r.getAs(Tables.CALL_DATE));
    return new CallInput(r.getAs(Tables.CALL_ID), date, r.getAs(CallsTable.SOURCE_PATH),
        r.<Double>getAs(CallsTable.DURATION_S), r.<Integer>getAs(CallsTable.CHANNELS), r.getAs(CallsTable.AGENT_ID),
        r.getAs(CallsTable.QUEUE), r.getAs(CallsTable.DIRECTION), List.copyOf(words), List.copyOf(speech),
        List.copyOf(sounds), List.copyOf(loudness));
  }

  private static <T> List<T> list(Row r, String field, Function<Row, T> f) {
    List<Row> rows = r.getList(r.fieldIndex(field));
    List<T> out = new ArrayList<>();
    if (rows != null) {
      rows.forEach(x -> out.add(f.apply(x)));
    }
    return out;
  }

  private static void stage(SparkSession spark, PartitionCommit batch, JavaRDD<Row> rows, String table,
      StructType schema, List<LocalDate> dates) {
    Tables.forWriting(spark.createDataFrame(rows, schema), spark).write().mode(SaveMode.Overwrite)
        .partitionBy(Tables.CALL_DATE)
        .parquet(batch.stagingPath(table));
    batch.stageEmptyPartitions(spark, table, schema, dates);
  }
}

package io.callqa.report;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.callqa.analytics.detect.Event;
import io.callqa.analytics.table.AgentDailyTable;
import io.callqa.analytics.table.CallSummaryTable;
import io.callqa.analytics.detect.DisclosureCheck;
import io.callqa.analytics.table.DisclosureChecksTable;
import io.callqa.analytics.table.EventsTable;
import io.callqa.ingest.CallqaException;
import io.callqa.ingest.table.CallsTable;
import io.callqa.ingest.table.Tables;
import io.callqa.ingest.table.WordsTable;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads one night of the callqa tables with the given SparkSession and aggregates it into a {@link NightReport}.
 * All aggregation runs on Spark; only the small per-night results are collected to the driver, each bounded:
 * at most {@code topCalls} flagged calls with at most {@link #MAX_EVENTS_PER_CALL} events each, at most
 * {@link #MAX_ROWS} agents and failed recordings.
 *
 * <p>A call is <b>flagged</b> when it lost QA points ({@code qa_score < 100}) or has a {@code high}-severity
 * event. Flagged calls are ordered by severity: lowest QA score first (the score already weighs each event type
 * by the rules' {@code qa_score.weights}), then most {@code high} events, then most {@code medium} events.
 */
public final class NightReportReader {
  /** Events shown per flagged call; the rest are counted. */
  public static final int MAX_EVENTS_PER_CALL = 20;
  /** Agent rows and failed recordings shown; the rest are counted. */
  public static final int MAX_ROWS = 500;
  /** Seconds of transcript shown before an event's start and after its end. */
  public static final double SNIPPET_CONTEXT_S = 6.0;
  /** Events longer than this show the words around their start and around their end, not the middle. */
  public static final double SNIPPET_MAX_SPAN_S = 8.0;

  static final String HIGH = "high";
  static final String MEDIUM = "medium";
  static final String LOW = "low";
  private static final String FILE = "file";
  private static final String SEVERITY_RANK = "severity_rank";
  private static final String EVENT_KEY = "event_key";

  private NightReportReader() {}

  /** The latest {@code call_date} in {@code calls}. */
  public static LocalDate latestDate(SparkSession spark, String output) {
    requireTable(spark, output, CallsTable.NAME, CallqaException.noIngestTables(output));
    Row r = table(spark, output, CallsTable.NAME, CallsTable.SCHEMA).agg(max(col(Tables.CALL_DATE))).first();
    if (r.isNullAt(0)) {
      throw CallqaException.noIngestTables(output);
    }
    return toLocalDate(r.get(0));
  }

  /** Reads and aggregates the night {@code date}; fails with an actionable error if there is nothing to show. */
  public static NightReport read(SparkSession spark, String output, LocalDate date, int topCalls) {
    requireTable(spark, output, CallsTable.NAME, CallqaException.noIngestTables(output));
    requireTable(spark, output, CallSummaryTable.NAME, CallqaException.noAnalyticsTables(output, CallSummaryTable.NAME));
    Dataset<Row> calls = night(spark, output, CallsTable.NAME, CallsTable.SCHEMA, date)
        .withColumn(FILE, regexp_extract(col(CallsTable.SOURCE_PATH), "[^/]+$", 0)).cache();
    try {
      Row t = calls.agg(count(lit(1)), sum(when(col(CallsTable.STATUS).equalTo("ok"), 1).otherwise(0)),
          sum(when(col(CallsTable.STATUS).equalTo("ok"), col(CallsTable.DURATION_S)))).first();
      if (t.getLong(0) == 0) {
        throw CallqaException.noCallsOnDate(output, date, latestDate(spark, output));
      }
      Dataset<Row> summary = night(spark, output, CallSummaryTable.NAME, CallSummaryTable.SCHEMA, date).cache();
      Dataset<Row> events = night(spark, output, EventsTable.NAME, EventsTable.SCHEMA, date).cache();
      try {
        Row s = summary.agg(count(lit(1)), avg(col(CallSummaryTable.QA_SCORE))).first();
        long eventCount = events.count();
        NightReport.Totals totals = new NightReport.Totals(t.getLong(0), t.getLong(1), t.getLong(0) - t.getLong(1),
            t.isNullAt(2) ? 0 : t.getDouble(2), s.getLong(0), s.isNullAt(1) ? null : s.getDouble(1), eventCount);
        List<String> versions = summary.select(EventsTable.RULES_VERSION).distinct().limit(5).collectAsList()
            .stream().map(r -> r.getString(0)).sorted().toList();
        long[] flaggedTotal = new long[1];
        List<NightReport.FlaggedCall> flagged = flagged(spark, output, date, calls, summary, events, topCalls,
            flaggedTotal);
        long agentsTotal = night(spark, output, AgentDailyTable.NAME, null, date).count();
        long failedTotal = t.getLong(0) - t.getLong(1);
        return new NightReport(date, output, Instant.now(), versions, totals, eventsByType(events),
            histograms(summary, events), flagged, flaggedTotal[0], disclosures(spark, output, date),
            agents(spark, output, date), agentsTotal, failed(calls), failedTotal);
      } finally {
        summary.unpersist(false);
        events.unpersist(false);
      }
    } finally {
      calls.unpersist(false);
    }
  }

  private static List<NightReport.TypeCount> eventsByType(Dataset<Row> events) {
    Map<String, NightReport.TypeCount> byType = new LinkedHashMap<>();
    for (String type : Event.TYPES) {
      byType.put(type, new NightReport.TypeCount(type, 0, 0));
    }
    for (Row r : events.groupBy(EventsTable.EVENT_TYPE)
        .agg(count(lit(1)), coalesce(sum(col(EventsTable.DURATION_S)), lit(0.0))).orderBy(EventsTable.EVENT_TYPE)
        .collectAsList()) {
      byType.put(r.getString(0), new NightReport.TypeCount(r.getString(0), r.getLong(1), r.getDouble(2)));
    }
    return new ArrayList<>(byType.values());
  }

  private static List<NightReport.Histogram> histograms(Dataset<Row> summary, Dataset<Row> events) {
    List<NightReport.Histogram> out = new ArrayList<>();
    out.add(histogram("qa-score", "QA score per call", "calls",
        summary.select(col(CallSummaryTable.QA_SCORE).as("v")),
        new double[] {50, 70, 80, 90, 100, 100.000001}, new String[] {"< 50", "50-69", "70-79", "80-89", "90-99",
            "100", ""}));
    out.add(histogram("dead-air", "Dead-air length", "events",
        events.where(col(EventsTable.EVENT_TYPE).equalTo(Event.DEAD_AIR)).select(col(EventsTable.DURATION_S).as("v")),
        new double[] {7.5, 10, 15, 30, 60}, new String[] {"5-7.5 s", "7.5-10 s", "10-15 s", "15-30 s", "30-60 s",
            "60 s +"}));
    out.add(histogram("hold", "Hold length", "holds",
        events.where(col(EventsTable.EVENT_TYPE).equalTo(Event.HOLD)).select(col(EventsTable.DURATION_S).as("v")),
        new double[] {30, 60, 120, 180, 300}, new String[] {"< 30 s", "30-60 s", "1-2 min", "2-3 min", "3-5 min",
            "5 min +"}));
    return out;
  }

  /**
   * Counts {@code v} into bins: bin i holds {@code edges[i-1] <= v < edges[i]}, the last bin everything above.
   * A label of "" drops that bin (used to leave out an impossible bin).
   */
  private static NightReport.Histogram histogram(String id, String title, String axis, Dataset<Row> values,
      double[] edges, String[] labels) {
    Column bin = lit(edges.length);
    for (int i = edges.length - 1; i >= 0; i--) {
      bin = when(col("v").lt(edges[i]), i).otherwise(bin);
    }
    long[] counts = new long[edges.length + 1];
    for (Row r : values.where(col("v").isNotNull()).groupBy(bin.as("bin")).count().collectAsList()) {
      counts[r.getInt(0)] = r.getLong(1);
    }
    List<NightReport.Bin> bins = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      if (!labels[i].isEmpty()) {
        bins.add(new NightReport.Bin(labels[i], counts[i]));
      }
    }
    return new NightReport.Histogram(id, title, axis, bins);
  }

  private static List<NightReport.FlaggedCall> flagged(SparkSession spark, String output, LocalDate date,
      Dataset<Row> calls, Dataset<Row> summary, Dataset<Row> events, int topCalls, long[] total) {
    Dataset<Row> severities = events.groupBy(Tables.CALL_ID).agg(
        sum(when(col(EventsTable.SEVERITY).equalTo(HIGH), 1).otherwise(0)).cast("long").as(HIGH),
        sum(when(col(EventsTable.SEVERITY).equalTo(MEDIUM), 1).otherwise(0)).cast("long").as(MEDIUM),
        sum(when(col(EventsTable.SEVERITY).equalTo(LOW), 1).otherwise(0)).cast("long").as(LOW),
        count(lit(1)).as("events_total"));
    Dataset<Row> flagged = summary
        .select(col(Tables.CALL_ID), col(CallsTable.AGENT_ID), col(CallsTable.QUEUE), col(CallsTable.DURATION_S),
            col(CallSummaryTable.QA_SCORE))
        .join(severities, Tables.CALL_ID, "left")
        .join(calls.select(col(Tables.CALL_ID), col(FILE)), Tables.CALL_ID)
        .na().fill(0L, new String[] {HIGH, MEDIUM, LOW, "events_total"})
        .where(col(CallSummaryTable.QA_SCORE).lt(100).or(col(HIGH).gt(0)));
    total[0] = flagged.count();
    List<Row> top = flagged.orderBy(col(CallSummaryTable.QA_SCORE).asc(), col(HIGH).desc(), col(MEDIUM).desc(),
        col(Tables.CALL_ID).asc()).limit(topCalls).collectAsList();
    if (top.isEmpty()) {
      return List.of();
    }
    Dataset<Row> ids = spark.createDataFrame(top.stream().map(r -> RowFactory.create(r.getString(0))).toList(),
        new StructType().add(Tables.CALL_ID, DataTypes.StringType));
    Column rank = when(col(EventsTable.SEVERITY).equalTo(HIGH), 0).when(col(EventsTable.SEVERITY).equalTo(MEDIUM), 1)
        .otherwise(2);
    List<Row> shown = events.join(broadcast(ids), Tables.CALL_ID).withColumn(SEVERITY_RANK, rank)
        .withColumn(EVENT_KEY, row_number().over(Window.partitionBy(Tables.CALL_ID).orderBy(col(SEVERITY_RANK),
            col(Tables.START_S).asc_nulls_first(), col(EventsTable.EVENT_TYPE))))
        .where(col(EVENT_KEY).leq(MAX_EVENTS_PER_CALL))
        .select(Tables.CALL_ID, EVENT_KEY, EventsTable.EVENT_TYPE, EventsTable.SEVERITY, Tables.SPEAKER,
            EventsTable.INTERRUPTER, Tables.START_S, Tables.END_S, EventsTable.DETAIL)
        .orderBy(Tables.CALL_ID, EVENT_KEY).collectAsList();
    Map<String, List<NightReport.SnippetWord>> snippets = snippets(spark, output, date, shown);
    Map<String, List<NightReport.FlaggedEvent>> byCall = new HashMap<>();
    for (Row e : shown) {
      String key = e.getString(0) + "#" + e.getInt(1);
      byCall.computeIfAbsent(e.getString(0), k -> new ArrayList<>()).add(new NightReport.FlaggedEvent(
          e.getString(2), e.getString(3), e.getString(4), e.getString(5), dbl(e, 6), dbl(e, 7), e.getString(8),
          snippets.getOrDefault(key, List.of())));
    }
    return top.stream().map(r -> new NightReport.FlaggedCall(r.getString(0), r.getString(9), r.getString(1),
        r.getString(2), dbl(r, 3), r.getDouble(4), r.getLong(5), r.getLong(6), r.getLong(7),
        byCall.getOrDefault(r.getString(0), List.of()), r.getLong(8))).toList();
  }

  /**
   * The words around each shown event, keyed by {@code call_id#event_key}: from {@link #SNIPPET_CONTEXT_S}
   * before its start to that long after its end; for events longer than {@link #SNIPPET_MAX_SPAN_S}, only the
   * words near the start and near the end. Joined on Spark against the (small) list of shown events.
   */
  private static Map<String, List<NightReport.SnippetWord>> snippets(SparkSession spark, String output,
      LocalDate date, List<Row> shown) {
    List<Row> windows = new ArrayList<>();
    for (Row e : shown) {
      if (e.isNullAt(6)) {
        continue;
      }
      double start = e.getDouble(6);
      double end = e.isNullAt(7) ? start : e.getDouble(7);
      String key = e.getString(0) + "#" + e.getInt(1);
      if (end - start <= SNIPPET_MAX_SPAN_S) {
        windows.add(RowFactory.create(e.getString(0), key, start - SNIPPET_CONTEXT_S, end + SNIPPET_CONTEXT_S,
            start, end));
      } else {
        windows.add(RowFactory.create(e.getString(0), key, start - SNIPPET_CONTEXT_S, start + SNIPPET_CONTEXT_S / 2,
            start, end));
        windows.add(RowFactory.create(e.getString(0), key, end - SNIPPET_CONTEXT_S / 2, end + SNIPPET_CONTEXT_S,
            start, end));
      }
    }
    Map<String, List<NightReport.SnippetWord>> out = new HashMap<>();
    if (windows.isEmpty() || !exists(spark, output, WordsTable.NAME)) {
      return out;
    }
    Dataset<Row> w = spark.createDataFrame(windows, new StructType().add(Tables.CALL_ID, DataTypes.StringType)
        .add(EVENT_KEY, DataTypes.StringType).add("from_s", DataTypes.DoubleType).add("to_s", DataTypes.DoubleType)
        .add("ev_start", DataTypes.DoubleType).add("ev_end", DataTypes.DoubleType));
    Dataset<Row> words = night(spark, output, WordsTable.NAME, WordsTable.SCHEMA, date);
    List<Row> rows = words.join(broadcast(w), Tables.CALL_ID)
        .where(col(Tables.END_S).gt(col("from_s")).and(col(Tables.START_S).lt(col("to_s"))))
        .select(col(EVENT_KEY), col(Tables.SPEAKER), col(Tables.START_S), col(WordsTable.WORD),
            col(WordsTable.REDACTED),
            col(Tables.END_S).gt(col("ev_start")).and(col(Tables.START_S).lt(col("ev_end"))).as("in_event"))
        .distinct().orderBy(col(EVENT_KEY), col(Tables.START_S), col(Tables.SPEAKER)).collectAsList();
    for (Row r : rows) {
      out.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(new NightReport.SnippetWord(r.getString(1),
          r.getDouble(2), r.getString(3), r.getBoolean(4), r.getBoolean(5)));
    }
    return out;
  }

  private static List<NightReport.DisclosureRule> disclosures(SparkSession spark, String output, LocalDate date) {
    if (!exists(spark, output, DisclosureChecksTable.NAME)) {
      return List.of();
    }
    Column found = col(DisclosureChecksTable.FOUND);
    Column inWindow = col(DisclosureChecksTable.IN_WINDOW);
    return night(spark, output, DisclosureChecksTable.NAME, DisclosureChecksTable.SCHEMA, date)
        .groupBy(DisclosureChecksTable.DISCLOSURE_ID, DisclosureChecksTable.REQUIRED_SPEAKER)
        .agg(count(lit(1)), sum(when(found.and(inWindow), 1).otherwise(0)).cast("long"),
            sum(when(found.and(not(inWindow)), 1).otherwise(0)).cast("long"),
            sum(when(not(found), 1).otherwise(0)).cast("long"),
            sum(when(col(DisclosureChecksTable.FOUND_BY).equalTo(lit(DisclosureCheck.SECOND_LISTEN)), 1)
                .otherwise(0)).cast("long"))
        .orderBy(DisclosureChecksTable.DISCLOSURE_ID, DisclosureChecksTable.REQUIRED_SPEAKER).collectAsList()
        .stream().map(r -> new NightReport.DisclosureRule(r.getString(0), r.getString(1), r.getLong(2),
            r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6))).toList();
  }

  private static List<NightReport.AgentRow> agents(SparkSession spark, String output, LocalDate date) {
    if (!exists(spark, output, AgentDailyTable.NAME)) {
      return List.of();
    }
    return night(spark, output, AgentDailyTable.NAME, null, date)
        .select(col(CallsTable.AGENT_ID), col(AgentDailyTable.CALLS).cast("long"),
            col(AgentDailyTable.TOTAL_DURATION_S), col(AgentDailyTable.AVG_QA_SCORE),
            col(AgentDailyTable.AVG_AGENT_TALK_SHARE), col(AgentDailyTable.AVG_AGENT_WPM),
            countOf(AgentDailyTable.CALLS_GREETING_COMPLETE), countOf(AgentDailyTable.CALLS_CLOSING_COMPLETE),
            countOf(CallSummaryTable.DISCLOSURES_MISSING), countOf(CallSummaryTable.countColumn(Event.DEAD_AIR)),
            countOf(CallSummaryTable.countColumn(Event.OVER_TALK)),
            countOf(CallSummaryTable.countColumn(Event.RAISED_VOICE)),
            countOf(CallSummaryTable.countColumn(Event.LONG_HOLD)))
        .orderBy(col(AgentDailyTable.AVG_QA_SCORE).asc_nulls_last(), col(CallsTable.AGENT_ID).asc_nulls_last())
        .limit(MAX_ROWS).collectAsList().stream()
        .map(r -> new NightReport.AgentRow(r.getString(0), r.getLong(1), dbl(r, 2), dbl(r, 3), dbl(r, 4), dbl(r, 5),
            r.getLong(6), r.getLong(7), r.getLong(8), r.getLong(9), r.getLong(10), r.getLong(11), r.getLong(12)))
        .toList();
  }

  private static Column countOf(String column) {
    return coalesce(col(column).cast("long"), lit(0L)).as(column);
  }

  private static List<NightReport.FailedCall> failed(Dataset<Row> calls) {
    return calls.where(col(CallsTable.STATUS).notEqual("ok")).select(FILE, CallsTable.ERROR)
        .orderBy(FILE).limit(MAX_ROWS).collectAsList().stream()
        .map(r -> new NightReport.FailedCall(r.getString(0), r.getString(1))).toList();
  }

  /**
   * Rows of {@code date} of a table; an empty dataset when the table does not exist. {@code schema} null reads
   * the files' own schema (agent_daily, whose per-type columns follow the event types).
   */
  private static Dataset<Row> night(SparkSession spark, String output, String table, StructType schema,
      LocalDate date) {
    if (!exists(spark, output, table)) {
      if (schema == null) {
        throw CallqaException.noAnalyticsTables(output, table);
      }
      return spark.createDataFrame(List.of(), schema);
    }
    return table(spark, output, table, schema).where(col(Tables.CALL_DATE).equalTo(lit(java.sql.Date.valueOf(date))));
  }

  private static Dataset<Row> table(SparkSession spark, String output, String table, StructType schema) {
    return schema == null ? spark.read().parquet(Tables.path(output, table))
        : spark.read().schema(schema).parquet(Tables.path(output, table));
  }

  private static void requireTable(SparkSession spark, String output, String table, CallqaException missing) {
    if (!exists(spark, output, table)) {
      throw missing;
    }
  }

  private static boolean exists(SparkSession spark, String output, String table) {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(Tables.path(output, table));
    try {
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      return fs.exists(p);
    } catch (IOException e) {
      throw CallqaException.inputUnreadable(p.toString(), e);
    }
  }

  private static Double dbl(Row r, int i) {
    return r.isNullAt(i) ? null : r.getDouble(i);
  }

  private static LocalDate toLocalDate(Object v) {
    return v instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) v;
  }
}

package io.callqa.analytics.audit;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.callqa.analytics.detect.DisclosureCheck;
import io.callqa.analytics.table.DisclosureChecksTable;
import io.callqa.analytics.table.EventsTable;
import io.callqa.ingest.CallqaException;
import io.callqa.ingest.table.CallsTable;
import io.callqa.ingest.table.Tables;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The compliance audit over the written tables: reads {@code disclosure_checks} and {@code calls} under an output
 * root and aggregates them per disclosure (in Spark; only one row per disclosure and one per finding reach the
 * driver). Read-only: it never changes the tables, so it can run while a night's job is writing (it does not
 * complete an interrupted commit either; the next job does). The SparkSession is passed in.
 */
public final class DisclosureAudit {
  private static final String APPLICABLE = "applicable";
  private static final String FOUND_IN_WINDOW = "found_in_window";
  private static final String LATE = "late";
  private static final String MISSING = "missing";
  private static final String SECOND_LISTEN = "second_listen";
  private static final String VERSIONS = "rules_versions";
  private static final String FINDING = "finding";

  private DisclosureAudit() {}

  /**
   * Audits the disclosure checks under {@code output}.
   *
   * @param date only calls of this call_date; null for all dates
   * @param disclosureId only this disclosure; null for all
   * @throws CallqaException when the output root has no analytics tables, or when the date or disclosure
   *     filter matches no check (the message lists what is there)
   */
  public static AuditReport run(SparkSession spark, String output, LocalDate date, String disclosureId) {
    require(spark, output, DisclosureChecksTable.NAME);
    require(spark, output, CallsTable.NAME);
    Dataset<Row> checks = spark.read().schema(DisclosureChecksTable.SCHEMA)
        .parquet(Tables.path(output, DisclosureChecksTable.NAME));
    if (date != null) {
      Dataset<Row> onDate = checks.where(col(Tables.CALL_DATE).equalTo(lit(java.sql.Date.valueOf(date))));
      if (onDate.isEmpty()) {
        throw CallqaException.config("No disclosure checks for call_date " + date + " under '" + output
            + "'. Dates with checks: " + distinct(checks, Tables.CALL_DATE) + ".");
      }
      checks = onDate;
    }
    if (disclosureId != null) {
      Dataset<Row> one = checks.where(col(DisclosureChecksTable.DISCLOSURE_ID).equalTo(lit(disclosureId)));
      if (one.isEmpty()) {
        throw CallqaException.config("No checks of disclosure '" + disclosureId + "' under '" + output + "'"
            + (date == null ? "" : " for call_date " + date) + ". Disclosures checked there: "
            + distinct(checks, DisclosureChecksTable.DISCLOSURE_ID) + ".");
      }
      checks = one;
    }
    Column found = col(DisclosureChecksTable.FOUND);
    Column inWindow = col(DisclosureChecksTable.IN_WINDOW);
    List<AuditReport.DisclosureSummary> summaries = new ArrayList<>();
    for (Row r : checks.groupBy(col(DisclosureChecksTable.DISCLOSURE_ID))
        .agg(count(lit(1)).as(APPLICABLE),
            sum(when(found.and(inWindow), 1L).otherwise(0L)).as(FOUND_IN_WINDOW),
            sum(when(found.and(not(inWindow)), 1L).otherwise(0L)).as(LATE),
            sum(when(not(found), 1L).otherwise(0L)).as(MISSING),
            sum(when(col(DisclosureChecksTable.FOUND_BY).equalTo(lit(DisclosureCheck.SECOND_LISTEN)), 1L)
                .otherwise(0L)).as(SECOND_LISTEN),
            array_join(sort_array(collect_set(col(EventsTable.RULES_VERSION))), ",").as(VERSIONS))
        .orderBy(col(DisclosureChecksTable.DISCLOSURE_ID)).collectAsList()) {
      summaries.add(new AuditReport.DisclosureSummary(r.getString(0), r.getLong(1), r.getLong(2), r.getLong(3),
          r.getLong(4), r.getLong(5), r.getString(6)));
    }
    Dataset<Row> calls = spark.read().schema(CallsTable.SCHEMA).parquet(Tables.path(output, CallsTable.NAME))
        .select(col(Tables.CALL_ID), col(Tables.CALL_DATE), col(CallsTable.AGENT_ID), col(CallsTable.SOURCE_PATH));
    Dataset<Row> flagged = checks.where(not(found).or(not(inWindow)))
        .withColumn(FINDING, when(found, lit(AuditReport.LATE)).otherwise(lit(AuditReport.MISSING)))
        .join(calls, new scala.collection.immutable.Set.Set2<>(Tables.CALL_ID, Tables.CALL_DATE).toSeq(), "left");
    List<AuditReport.Finding> findings = new ArrayList<>();
    for (Row r : flagged.select(col(DisclosureChecksTable.DISCLOSURE_ID), col(FINDING), col(Tables.CALL_DATE),
            col(Tables.CALL_ID), col(CallsTable.AGENT_ID), col(CallsTable.SOURCE_PATH),
            col(DisclosureChecksTable.FOUND_AT_S), col(DisclosureChecksTable.SIMILARITY))
        .orderBy(col(DisclosureChecksTable.DISCLOSURE_ID), col(FINDING), col(Tables.CALL_DATE),
            col(CallsTable.SOURCE_PATH), col(Tables.CALL_ID))
        .collectAsList()) {
      findings.add(new AuditReport.Finding(r.getString(0), r.getString(1), toLocalDate(r.get(2)), r.getString(3),
          r.getString(4), r.getString(5), r.isNullAt(6) ? null : r.getDouble(6), r.getDouble(7)));
    }
    return new AuditReport(summaries, findings);
  }

  private static void require(SparkSession spark, String output, String table) {
    Path p = new Path(Tables.path(output, table));
    try {
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(p)) {
        throw CallqaException.noAnalyticsTables(output, table);
      }
    } catch (IOException e) {
      throw CallqaException.inputUnreadable(p.toString(), e);
    }
  }

  private static String distinct(Dataset<Row> checks, String column) {
    List<String> values = new ArrayList<>();
    for (Row r : checks.select(col(column)).distinct().orderBy(col(column)).limit(20).collectAsList()) {
      values.add(String.valueOf(r.get(0)));
    }
    return values.isEmpty() ? "none" : String.join(", ", values);
  }

  private static LocalDate toLocalDate(Object v) {
    return v instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) v;
  }
}

package io.callqa.analytics.table;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.callqa.analytics.detect.Event;
import io.callqa.ingest.table.CallsTable;
import io.callqa.ingest.table.Tables;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code agent_daily}: one row per agent and day, aggregated from {@code call_summary}. Calls without an
 * agent id (no manifest) are grouped under agent_id {@code null}.
 */
public final class AgentDailyTable {
  public static final String NAME = "agent_daily";
  public static final String CALLS = "calls";
  public static final String TOTAL_DURATION_S = "total_duration_s";
  public static final String AVG_QA_SCORE = "avg_qa_score";
  public static final String AVG_AGENT_TALK_SHARE = "avg_agent_talk_share";
  public static final String AVG_AGENT_WPM = "avg_agent_wpm";
  public static final String CALLS_GREETING_COMPLETE = "calls_greeting_complete";
  public static final String CALLS_CLOSING_COMPLETE = "calls_closing_complete";

  private AgentDailyTable() {}

  /** Aggregates call summaries (a {@link CallSummaryTable} dataset) per agent and day. */
  public static Dataset<Row> aggregate(Dataset<Row> summaries) {
    List<Column> aggs = new ArrayList<>();
    aggs.add(sum(col(CallsTable.DURATION_S)).as(TOTAL_DURATION_S));
    aggs.add(avg(col(CallSummaryTable.QA_SCORE)).as(AVG_QA_SCORE));
    aggs.add(avg(col(CallSummaryTable.AGENT_TALK_SHARE)).as(AVG_AGENT_TALK_SHARE));
    aggs.add(avg(col(CallSummaryTable.AGENT_WPM)).as(AVG_AGENT_WPM));
    aggs.add(sum(col(CallSummaryTable.GREETING_COMPLETE).cast("int")).as(CALLS_GREETING_COMPLETE));
    aggs.add(sum(col(CallSummaryTable.CLOSING_COMPLETE).cast("int")).as(CALLS_CLOSING_COMPLETE));
    aggs.add(sum(col(CallSummaryTable.DISCLOSURES_MISSING)).as(CallSummaryTable.DISCLOSURES_MISSING));
    for (String t : Event.TYPES) {
      aggs.add(sum(col(CallSummaryTable.countColumn(t))).as(CallSummaryTable.countColumn(t)));
      aggs.add(sum(col(CallSummaryTable.secondsColumn(t))).as(CallSummaryTable.secondsColumn(t)));
    }
    aggs.add(first(col(EventsTable.RULES_VERSION)).as(EventsTable.RULES_VERSION));
    return summaries.groupBy(col(CallsTable.AGENT_ID), col(Tables.CALL_DATE))
        .agg(count(lit(1)).cast("int").as(CALLS), aggs.toArray(new Column[0]));
  }
}

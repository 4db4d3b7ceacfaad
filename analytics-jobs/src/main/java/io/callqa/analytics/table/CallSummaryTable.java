package io.callqa.analytics.table;

import io.callqa.analytics.detect.CallAnalyzer;
import io.callqa.analytics.detect.CallSummary;
import io.callqa.analytics.detect.Event;
import io.callqa.ingest.table.CallsTable;
import io.callqa.ingest.table.Tables;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * {@code call_summary}: one row per analysed call with talk metrics, greeting/closing, per-event-type counts
 * ({@code <type>_count}) and totals ({@code <type>_s}), and the QA score.
 */
public final class CallSummaryTable {
  public static final String NAME = "call_summary";
  public static final String AGENT_TALK_S = "agent_talk_s";
  public static final String CUSTOMER_TALK_S = "customer_talk_s";
  public static final String AGENT_TALK_SHARE = "agent_talk_share";
  public static final String CUSTOMER_TALK_SHARE = "customer_talk_share";
  public static final String NON_TALK_S = "non_talk_s";
  public static final String AGENT_WPM = "agent_wpm";
  public static final String CUSTOMER_WPM = "customer_wpm";
  public static final String TURN_COUNT = "turn_count";
  public static final String LONGEST_MONOLOGUE_S = "longest_monologue_s";
  public static final String LONGEST_MONOLOGUE_SPEAKER = "longest_monologue_speaker";
  public static final String AVG_RESPONSE_GAP_S = "avg_response_gap_s";
  public static final String GREETING_COMPLETE = "greeting_complete";
  public static final String GREETING_MISSING = "greeting_missing";
  public static final String CLOSING_COMPLETE = "closing_complete";
  public static final String CLOSING_MISSING = "closing_missing";
  public static final String DISCLOSURES_APPLICABLE = "disclosures_applicable";
  public static final String DISCLOSURES_MISSING = "disclosures_missing";
  public static final String QA_SCORE = "qa_score";

  public static final StructType SCHEMA = schema();

  private CallSummaryTable() {}

  public static String countColumn(String eventType) {
    return eventType + "_count";
  }

  public static String secondsColumn(String eventType) {
    return eventType + "_s";
  }

  private static StructType schema() {
    List<StructField> f = new ArrayList<>();
    f.add(DataTypes.createStructField(Tables.CALL_ID, DataTypes.StringType, false));
    f.add(DataTypes.createStructField(Tables.CALL_DATE, DataTypes.DateType, false));
    f.add(field(CallsTable.AGENT_ID, DataTypes.StringType));
    f.add(field(CallsTable.QUEUE, DataTypes.StringType));
    f.add(field(CallsTable.DIRECTION, DataTypes.StringType));
    f.add(field(CallsTable.CHANNELS, DataTypes.IntegerType));
    f.add(field(CallsTable.DURATION_S, DataTypes.DoubleType));
    for (String c : List.of(AGENT_TALK_S, CUSTOMER_TALK_S, AGENT_TALK_SHARE, CUSTOMER_TALK_SHARE, NON_TALK_S,
        AGENT_WPM, CUSTOMER_WPM)) {
      f.add(field(c, DataTypes.DoubleType));
    }
    f.add(field(TURN_COUNT, DataTypes.IntegerType));
    f.add(field(LONGEST_MONOLOGUE_S, DataTypes.DoubleType));
    f.add(field(LONGEST_MONOLOGUE_SPEAKER, DataTypes.StringType));
    f.add(field(AVG_RESPONSE_GAP_S, DataTypes.DoubleType));
    f.add(field(GREETING_COMPLETE, DataTypes.BooleanType));
    f.add(field(GREETING_MISSING, DataTypes.StringType));
    f.add(field(CLOSING_COMPLETE, DataTypes.BooleanType));
    f.add(field(CLOSING_MISSING, DataTypes.StringType));
    f.add(field(DISCLOSURES_APPLICABLE, DataTypes.IntegerType));
    f.add(field(DISCLOSURES_MISSING, DataTypes.IntegerType));
    for (String t : Event.TYPES) {
      f.add(field(countColumn(t), DataTypes.IntegerType));
      f.add(field(secondsColumn(t), DataTypes.DoubleType));
    }
    f.add(field(QA_SCORE, DataTypes.DoubleType));
    f.add(DataTypes.createStructField(EventsTable.RULES_VERSION, DataTypes.StringType, false));
    return DataTypes.createStructType(f);
  }

  private static StructField field(String name, DataType type) {
    return DataTypes.createStructField(name, type, true);
  }

  public static Row row(CallAnalyzer.Analysis a, String rulesVersion) {
    CallSummary s = a.summary();
    List<Object> v = new ArrayList<>();
    v.add(a.call().callId());
    v.add(a.call().callDate());
    v.add(a.call().agentId());
    v.add(a.call().queue());
    v.add(a.call().direction());
    v.add(a.call().channels());
    v.add(s.durationS());
    v.add(s.agentTalkS());
    v.add(s.customerTalkS());
    v.add(s.agentTalkShare());
    v.add(s.customerTalkShare());
    v.add(s.nonTalkS());
    v.add(s.agentWpm());
    v.add(s.customerWpm());
    v.add(s.turnCount());
    v.add(s.longestMonologueS());
    v.add(s.longestMonologueSpeaker());
    v.add(s.avgResponseGapS());
    v.add(s.greetingComplete());
    v.add(s.greetingMissing());
    v.add(s.closingComplete());
    v.add(s.closingMissing());
    v.add(s.disclosuresApplicable());
    v.add(s.disclosuresMissing());
    for (String t : Event.TYPES) {
      v.add(s.eventCounts().get(t));
      v.add(s.eventSeconds().get(t));
    }
    v.add(s.qaScore());
    v.add(rulesVersion);
    return RowFactory.create(v.toArray());
  }
}

package io.callqa.analytics.table;

import io.callqa.analytics.detect.CallAnalyzer;
import io.callqa.analytics.detect.Event;
import io.callqa.ingest.table.Tables;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** {@code events}: every detected moment of every call. */
public final class EventsTable {
  public static final String NAME = "events";
  public static final String EVENT_TYPE = "event_type";
  public static final String INTERRUPTER = "interrupter";
  public static final String DURATION_S = "duration_s";
  public static final String SEVERITY = "severity";
  public static final String DETAIL = "detail";
  public static final String RULES_VERSION = "rules_version";

  public static final StructType SCHEMA = DataTypes.createStructType(new StructField[] {
      DataTypes.createStructField(Tables.CALL_ID, DataTypes.StringType, false),
      DataTypes.createStructField(Tables.CALL_DATE, DataTypes.DateType, false),
      DataTypes.createStructField(EVENT_TYPE, DataTypes.StringType, false),
      DataTypes.createStructField(Tables.SPEAKER, DataTypes.StringType, true),
      DataTypes.createStructField(INTERRUPTER, DataTypes.StringType, true),
      DataTypes.createStructField(Tables.START_S, DataTypes.DoubleType, true),
      DataTypes.createStructField(Tables.END_S, DataTypes.DoubleType, true),
      DataTypes.createStructField(DURATION_S, DataTypes.DoubleType, true),
      DataTypes.createStructField(SEVERITY, DataTypes.StringType, false),
      DataTypes.createStructField(DETAIL, DataTypes.StringType, true),
      DataTypes.createStructField(RULES_VERSION, DataTypes.StringType, false)});

  private EventsTable() {}

  public static List<Row> rows(CallAnalyzer.Analysis a, String rulesVersion) {
    return a.events().stream().map(e -> RowFactory.create(a.call().callId(), a.call().callDate(), e.type(),
        e.speaker(), e.interrupter(), e.startS(), e.endS(), e.startS() == null ? null : e.durationS(), e.severity(),
        e.detail(), rulesVersion)).toList();
  }
}

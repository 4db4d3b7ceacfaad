package io.callqa.analytics.table;

import io.callqa.analytics.detect.CallAnalyzer;
import io.callqa.analytics.detect.DisclosureCheck;
import java.time.LocalDate;
import io.callqa.ingest.table.Tables;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * {@code disclosure_checks}: one row per applicable disclosure per call, the compliance audit trail.
 * {@code found_by} says how it was found: {@code transcript} (in the words) or {@code second_listen} (by listening
 * to the recording again for the phrasings; matched_text is then what that listen heard); null when not found.
 */
public final class DisclosureChecksTable {
  public static final String NAME = "disclosure_checks";
  public static final String DISCLOSURE_ID = "disclosure_id";
  public static final String REQUIRED_SPEAKER = "required_speaker";
  public static final String FOUND = "found";
  public static final String FOUND_AT_S = "found_at_s";
  public static final String MATCHED_TEXT = "matched_text";
  public static final String SIMILARITY = "similarity";
  public static final String IN_WINDOW = "in_window";
  public static final String FOUND_BY = "found_by";

  public static final StructType SCHEMA = DataTypes.createStructType(new StructField[] {
      DataTypes.createStructField(Tables.CALL_ID, DataTypes.StringType, false),
      DataTypes.createStructField(Tables.CALL_DATE, DataTypes.DateType, false),
      DataTypes.createStructField(DISCLOSURE_ID, DataTypes.StringType, false),
      DataTypes.createStructField(REQUIRED_SPEAKER, DataTypes.StringType, false),
      DataTypes.createStructField(FOUND, DataTypes.BooleanType, false),
      DataTypes.createStructField(FOUND_AT_S, DataTypes.DoubleType, true),
      DataTypes.createStructField(MATCHED_TEXT, DataTypes.StringType, true),
      DataTypes.createStructField(SIMILARITY, DataTypes.DoubleType, false),
      DataTypes.createStructField(IN_WINDOW, DataTypes.BooleanType, false),
      DataTypes.createStructField(FOUND_BY, DataTypes.StringType, true),
      DataTypes.createStructField(EventsTable.RULES_VERSION, DataTypes.StringType, false)});

  private DisclosureChecksTable() {}

  public static List<Row> rows(CallAnalyzer.Analysis a, String rulesVersion) {
    return a.disclosures().stream().map(d -> row(a.call().callId(), a.call().callDate(), d, rulesVersion)).toList();
  }

  /** The row of one check of one call. */
  public static Row row(String callId, LocalDate callDate, DisclosureCheck d, String rulesVersion) {
    return RowFactory.create(callId, callDate, d.disclosureId(), d.requiredSpeaker(), d.found(), d.foundAtS(),
        d.matchedText(), d.similarity(), d.inWindow(), d.foundBy(), rulesVersion);
  }
}

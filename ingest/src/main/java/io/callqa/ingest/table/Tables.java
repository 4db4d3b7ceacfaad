package io.callqa.ingest.table;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Things every callqa table shares: the key columns and where a table lives under the output root.
 * Each table has its own schema class in this package (ingest tables) or in analytics-jobs.
 */
public final class Tables {
  public static final String CALL_ID = "call_id";
  /** The partition column of every table. */
  public static final String CALL_DATE = "call_date";
  public static final String SPEAKER = "speaker";
  public static final String START_S = "start_s";
  public static final String END_S = "end_s";

  private Tables() {}

  /** Location of table {@code name} under the output root. */
  public static String path(String output, String name) {
    return output.endsWith("/") ? output + name : output + "/" + name;
  }

  static StructField callId() {
    return DataTypes.createStructField(CALL_ID, DataTypes.StringType, false);
  }

  static StructField callDate() {
    return DataTypes.createStructField(CALL_DATE, DataTypes.DateType, false);
  }

  static StructField string(String name) {
    return DataTypes.createStructField(name, DataTypes.StringType, true);
  }

  static StructField dbl(String name) {
    return DataTypes.createStructField(name, DataTypes.DoubleType, true);
  }

  static StructField integer(String name) {
    return DataTypes.createStructField(name, DataTypes.IntegerType, true);
  }
}

package io.callqa.ingest.table;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
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

  /**
   * {@code rows} with at most one partition per core, so a batch writes a few files per table and date rather
   * than one per recording (the rows come from a cached dataset, so this does not limit processing).
   */
  public static Dataset<Row> forWriting(Dataset<Row> rows, SparkSession spark) {
    return rows.coalesce(Math.max(1, spark.sparkContext().defaultParallelism()));
  }

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

package io.callqa.ingest.table;

import static io.callqa.ingest.table.Tables.callDate;
import static io.callqa.ingest.table.Tables.callId;
import static io.callqa.ingest.table.Tables.dbl;
import static io.callqa.ingest.table.Tables.string;

import io.callqa.ingest.ProcessedCall;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** {@code loudness} (beyond SPEC's list): 1-second loudness per channel every 0.25 s, for raised-voice detection. */
public final class LoudnessTable {
  public static final String NAME = "loudness";
  public static final String DBFS = "dbfs";

  public static final StructType SCHEMA = DataTypes.createStructType(new StructField[] {
      callId(), callDate(), string(Tables.SPEAKER), dbl(Tables.START_S), dbl(DBFS)});

  private LoudnessTable() {}

  public static List<Row> rows(ProcessedCall p) {
    return p.loudness().stream().map(l -> RowFactory.create(p.call().callId(), p.call().callDate(),
        l.speaker().column(), l.startS(), l.dbfs())).toList();
  }
}

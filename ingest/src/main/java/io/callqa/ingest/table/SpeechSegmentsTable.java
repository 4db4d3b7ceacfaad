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

/** {@code speech_segments}: voice activity per speaker, with loudness. */
public final class SpeechSegmentsTable {
  public static final String NAME = "speech_segments";
  public static final String MEAN_DBFS = "mean_dbfs";
  public static final String PEAK_DBFS = "peak_dbfs";

  public static final StructType SCHEMA = DataTypes.createStructType(new StructField[] {
      callId(), callDate(), string(Tables.SPEAKER), dbl(Tables.START_S), dbl(Tables.END_S), dbl(MEAN_DBFS),
      dbl(PEAK_DBFS)});

  private SpeechSegmentsTable() {}

  public static List<Row> rows(ProcessedCall p) {
    return p.speech().stream().map(s -> RowFactory.create(p.call().callId(), p.call().callDate(),
        s.speaker().column(), s.startS(), s.endS(), s.meanDbfs(), s.peakDbfs())).toList();
  }
}

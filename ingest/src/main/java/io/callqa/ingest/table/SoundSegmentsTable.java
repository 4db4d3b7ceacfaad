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

/**
 * {@code sound_segments} (beyond SPEC's list): non-speech sound per channel, {@code kind} = {@code tone}
 * (hold music, DTMF, beeps) or {@code clipping}. Used by the hold and raised-voice detectors.
 */
public final class SoundSegmentsTable {
  public static final String NAME = "sound_segments";
  public static final String KIND = "kind";
  public static final String PEAK_DBFS = "peak_dbfs";

  public static final StructType SCHEMA = DataTypes.createStructType(new StructField[] {
      callId(), callDate(), string(Tables.SPEAKER), string(KIND), dbl(Tables.START_S), dbl(Tables.END_S),
      dbl(PEAK_DBFS)});

  private SoundSegmentsTable() {}

  public static List<Row> rows(ProcessedCall p) {
    return p.sounds().stream().map(s -> RowFactory.create(p.call().callId(), p.call().callDate(),
        s.speaker().column(), s.kind(), s.startS(), s.endS(), s.peakDbfs())).toList();
  }
}

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

/** {@code utterances}: runs of one speaker's words without a long pause. */
public final class UtterancesTable {
  public static final String NAME = "utterances";
  public static final String TEXT = "text";
  public static final String AVG_CONFIDENCE = "avg_confidence";

  public static final StructType SCHEMA = DataTypes.createStructType(new StructField[] {
      callId(), callDate(), string(Tables.SPEAKER), dbl(Tables.START_S), dbl(Tables.END_S), string(TEXT),
      dbl(AVG_CONFIDENCE)});

  private UtterancesTable() {}

  public static List<Row> rows(ProcessedCall p) {
    return p.utterances().stream().map(u -> RowFactory.create(p.call().callId(), p.call().callDate(),
        u.speaker().column(), u.startS(), u.endS(), u.text(), u.avgConfidence())).toList();
  }
}

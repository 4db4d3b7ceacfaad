package io.callqa.ingest.table;

import static io.callqa.ingest.table.Tables.callDate;
import static io.callqa.ingest.table.Tables.callId;
import static io.callqa.ingest.table.Tables.dbl;
import static io.callqa.ingest.table.Tables.string;

import io.callqa.ingest.ProcessedCall;
import io.callqa.ingest.Word;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** {@code words}: every recognised word with its time and confidence. */
public final class WordsTable {
  public static final String NAME = "words";
  public static final String WORD = "word";
  public static final String CONFIDENCE = "confidence";
  public static final String REDACTED = "redacted";

  public static final StructType SCHEMA = DataTypes.createStructType(new StructField[] {
      callId(), callDate(), string(Tables.SPEAKER), dbl(Tables.START_S), dbl(Tables.END_S), string(WORD),
      dbl(CONFIDENCE), DataTypes.createStructField(REDACTED, DataTypes.BooleanType, false)});

  private WordsTable() {}

  public static List<Row> rows(ProcessedCall p) {
    return p.words().stream().map(w -> row(p, w)).toList();
  }

  private static Row row(ProcessedCall p, Word w) {
    return RowFactory.create(p.call().callId(), p.call().callDate(), w.speaker().column(), w.startS(), w.endS(),
        w.word(), w.confidence(), w.redacted());
  }
}

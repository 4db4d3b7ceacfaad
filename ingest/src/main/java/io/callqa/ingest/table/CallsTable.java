package io.callqa.ingest.table;

import static io.callqa.ingest.table.Tables.callDate;
import static io.callqa.ingest.table.Tables.callId;
import static io.callqa.ingest.table.Tables.dbl;
import static io.callqa.ingest.table.Tables.integer;
import static io.callqa.ingest.table.Tables.string;

import io.callqa.ingest.CallRecord;
import java.sql.Timestamp;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** {@code calls}: one row per input recording, {@code ok} or {@code failed}. Documented in docs/tables.md. */
public final class CallsTable {
  public static final String NAME = "calls";
  public static final String SOURCE_PATH = "source_path";
  public static final String CONTENT_SHA256 = "content_sha256";
  public static final String STATUS = "status";
  public static final String ERROR = "error";
  public static final String DURATION_S = "duration_s";
  public static final String SAMPLE_RATE = "sample_rate";
  public static final String ENCODING = "encoding";
  public static final String CHANNELS = "channels";
  public static final String AGENT_CHANNEL = "agent_channel";
  public static final String AGENT_ID = "agent_id";
  public static final String QUEUE = "queue";
  public static final String DIRECTION = "direction";
  public static final String STARTED_AT = "started_at";
  public static final String ASR_MODEL = "asr_model";
  public static final String PIPELINE_VERSION = "pipeline_version";
  public static final String INGESTED_AT = "ingested_at";
  public static final String ASR_INPUT_S = "asr_input_s";
  public static final String ASR_CPU_S = "asr_cpu_s";
  public static final String PII_KEPT = "pii_kept";

  public static final StructType SCHEMA = DataTypes.createStructType(new org.apache.spark.sql.types.StructField[] {
      callId(), callDate(), string(SOURCE_PATH), string(CONTENT_SHA256),
      DataTypes.createStructField(STATUS, DataTypes.StringType, false), string(ERROR), dbl(DURATION_S),
      integer(SAMPLE_RATE), string(ENCODING), integer(CHANNELS), integer(AGENT_CHANNEL), string(AGENT_ID),
      string(QUEUE), string(DIRECTION), DataTypes.createStructField(STARTED_AT, DataTypes.TimestampType, true),
      string(ASR_MODEL), string(PIPELINE_VERSION),
      DataTypes.createStructField(INGESTED_AT, DataTypes.TimestampType, false), dbl(ASR_INPUT_S), dbl(ASR_CPU_S),
      DataTypes.createStructField(PII_KEPT, DataTypes.BooleanType, true)});

  private CallsTable() {}

  public static Row row(CallRecord c) {
    return RowFactory.create(c.callId(), c.callDate(), c.sourcePath(), c.contentSha256(), c.status(), c.error(),
        c.durationS(), c.sampleRate(), c.encoding(), c.channels(), c.agentChannel(), c.agentId(), c.queue(),
        c.direction(), c.startedAt() == null ? null : Timestamp.from(c.startedAt()), c.asrModel(),
        c.pipelineVersion(), Timestamp.from(c.ingestedAt()), c.asrInputS(), c.asrCpuS(), c.piiKept());
  }
}

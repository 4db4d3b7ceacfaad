package io.callqa.ingest;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One row of the {@code calls} table. Audio fields are {@code null} when the recording could not be decoded.
 *
 * @param status {@link #OK} or {@link #FAILED}
 * @param error for failed calls: what went wrong and what to do; {@code null} otherwise
 */
public record CallRecord(String callId, LocalDate callDate, String sourcePath, String contentSha256, String status,
    String error, Double durationS, Integer sampleRate, String encoding, Integer channels, Integer agentChannel,
    String agentId, String queue, String direction, Instant startedAt, String asrModel, String pipelineVersion,
    Instant ingestedAt) implements Serializable {

  public static final String OK = "ok";
  public static final String FAILED = "failed";

  public boolean ok() {
    return OK.equals(status);
  }
}

package io.callqa.ingest;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One row of the {@code calls} table. Audio fields are {@code null} when the recording could not be decoded.
 *
 * @param status {@link #OK} or {@link #FAILED}
 * @param error for failed calls: what went wrong and what to do; {@code null} otherwise
 * @param asrInputS seconds of audio fed to the recogniser (all channels; less than channels x duration when
 *     gated), {@code null} when not transcribed
 * @param asrCpuS CPU seconds the recogniser took (all channels)
 * @param piiKept true when the run was asked to keep personal data ({@code --keep-pii}); false when transcripts
 *     were redacted
 */
public record CallRecord(String callId, LocalDate callDate, String sourcePath, String contentSha256, String status,
    String error, Double durationS, Integer sampleRate, String encoding, Integer channels, Integer agentChannel,
    String agentId, String queue, String direction, Instant startedAt, String asrModel, String pipelineVersion,
    Instant ingestedAt, Double asrInputS, Double asrCpuS, boolean piiKept) implements Serializable {

  public static final String OK = "ok";
  public static final String FAILED = "failed";

  /** This record with the recogniser's input and cost filled in. */
  public CallRecord withAsr(double inputS, double cpuS) {
    return new CallRecord(callId, callDate, sourcePath, contentSha256, status, error, durationS, sampleRate, encoding,
        channels, agentChannel, agentId, queue, direction, startedAt, asrModel, pipelineVersion, ingestedAt, inputS,
        cpuS, piiKept);
  }

  public boolean ok() {
    return OK.equals(status);
  }
}

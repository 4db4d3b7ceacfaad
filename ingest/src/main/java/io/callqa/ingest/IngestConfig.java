package io.callqa.ingest;

/**
 * Settings of one ingest run, validated on construction.
 *
 * @param input folder, file or glob of recordings (any Hadoop FileSystem URI)
 * @param output root folder of the output tables
 * @param manifest optional metadata CSV, or {@code null}
 * @param modelDir Vosk model directory, or {@code null} for the bundled English model
 * @param agentChannel default channel of the agent in stereo recordings (0 = left, 1 = right)
 * @param reprocess transcribe again recordings whose call_id is already in {@code calls}
 * @param asr how audio is fed to the recogniser
 * @param salvageTruncated analyse the part present of a recording cut off before its header's announced length
 *     (default: such a recording fails with an error saying so)
 * @param keepPii keep personal data in transcripts instead of redacting it ({@code --keep-pii}); recorded in
 *     {@code calls.pii_kept}
 */
public record IngestConfig(String input, String output, String manifest, String modelDir, int agentChannel,
    boolean reprocess, AsrOptions asr, boolean salvageTruncated, boolean keepPii) {

  public IngestConfig {
    if (input == null || input.isBlank()) {
      throw CallqaException.config("--input is empty: give a folder, file or glob of recordings.");
    }
    if (output == null || output.isBlank()) {
      throw CallqaException.config("--output is empty: give the folder to write the tables to.");
    }
    if (agentChannel != 0 && agentChannel != 1) {
      throw CallqaException.config("--agent-channel must be 0 (left) or 1 (right), was " + agentChannel + ".");
    }
    if (asr == null) {
      asr = AsrOptions.defaults();
    }
  }
}

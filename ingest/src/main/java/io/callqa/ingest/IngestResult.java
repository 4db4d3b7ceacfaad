package io.callqa.ingest;

import java.util.List;

/**
 * What an ingest run did.
 *
 * @param found recordings found at the input
 * @param skipped recordings already ingested earlier (same content), not processed again
 * @param ok recordings processed successfully in this run
 * @param failures the recordings that failed in this run, with their errors
 * @param audioSeconds audio duration processed in this run
 */
public record IngestResult(int found, int skipped, int ok, List<Failure> failures, double audioSeconds) {

  /** A recording that could not be processed. */
  public record Failure(String sourcePath, String error) implements java.io.Serializable {}
}

package io.callqa.analytics;

import io.callqa.ingest.CallqaException;
import java.time.LocalDate;

/**
 * Settings of one analytics run.
 *
 * @param output root folder holding the ingest tables; results are written next to them
 * @param rulesFile the rules YAML (local file)
 * @param date only analyse this call_date, or {@code null} for every date in the ingest tables
 * @param modelDir Vosk model for listening to recordings again (the rules' {@code second_listen}), as ingest's;
 *     {@code null} for the bundled model
 */
public record AnalyticsConfig(String output, String rulesFile, LocalDate date, String modelDir) {
  public AnalyticsConfig {
    if (output == null || output.isBlank()) {
      throw CallqaException.config("--output is empty: give the folder that holds the ingest tables.");
    }
    if (rulesFile == null || rulesFile.isBlank()) {
      throw CallqaException.config("--rules is empty: give a rules YAML file, e.g. examples/rules.yaml.");
    }
  }
}

package io.callqa.report;

import io.callqa.ingest.CallqaException;
import java.time.LocalDate;

/**
 * Settings of one report.
 *
 * @param output root folder holding the callqa tables (file://, hdfs://, s3a://)
 * @param date the night to report, or {@code null} for the latest {@code call_date} in {@code calls}
 * @param html where to write the HTML file, or {@code null} for
 *     {@code <output>/reports/callqa-report-<date>.html}
 * @param topCalls at most this many flagged calls are shown in detail (the most severe first)
 */
public record ReportConfig(String output, LocalDate date, String html, int topCalls) {
  /** Default of {@code --top}. */
  public static final int DEFAULT_TOP_CALLS = 50;
  /** Largest {@code --top}: each shown call carries its events and transcript snippets. */
  public static final int MAX_TOP_CALLS = 1000;

  public ReportConfig {
    if (output == null || output.isBlank()) {
      throw CallqaException.config("--output is empty: give the folder that holds the callqa tables.");
    }
    if (html != null && html.isBlank()) {
      throw CallqaException.config("--html is empty: give the HTML file to write, or leave it out to write"
          + " <output>/reports/callqa-report-<date>.html.");
    }
    if (topCalls < 1 || topCalls > MAX_TOP_CALLS) {
      throw CallqaException.config("--top " + topCalls + " is out of range: give a number of flagged calls from 1"
          + " to " + MAX_TOP_CALLS + " (default " + DEFAULT_TOP_CALLS + ").");
    }
  }

  /** The HTML file for {@code night}: {@link #html()} or the default under the output root. */
  public String htmlFor(LocalDate night) {
    if (html != null) {
      return html;
    }
    return (output.endsWith("/") ? output : output + "/") + "reports/callqa-report-" + night + ".html";
  }
}

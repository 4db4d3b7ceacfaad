package io.callqa.ingest.pii;

/**
 * A stretch of personal data found by {@link PiiRedactor#find}: the words at indices {@code from} (inclusive) to
 * {@code to} (exclusive) of the list it was given, all spoken by one speaker. Spans may overlap.
 */
public record PiiSpan(PiiCategory category, int from, int to) {
  public PiiSpan {
    if (category == null || from < 0 || to <= from) {
      throw new IllegalArgumentException("bad span " + category + " [" + from + ", " + to + ")");
    }
  }
}

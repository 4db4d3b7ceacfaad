package io.callqa.ingest;

/**
 * A fatal, user-facing error of a whole run (bad configuration, unreadable input folder, a model that
 * cannot be loaded). Its message says what is wrong and how to fix it. Problems with one recording are
 * not fatal: they become a {@code failed} row in {@code calls} (see {@link CallProcessor}).
 *
 * <p>All messages are built by the factory methods here, so the wording stays consistent.
 */
public final class CallqaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private CallqaException(String message, Throwable cause) {
    super(message, cause);
  }

  public static CallqaException inputNotFound(String input) {
    return new CallqaException("No recordings found at '" + input + "'. Pass --input with a folder, a file"
        + " or a glob (file://, hdfs:// or s3a:// paths work).", null);
  }

  public static CallqaException inputUnreadable(String input, Exception cause) {
    return new CallqaException("Cannot list '" + input + "': " + cause.getMessage()
        + ". Check the path and your permissions (and Hadoop credentials for hdfs:// or s3a://).", cause);
  }

  public static CallqaException manifest(String manifest, String problem) {
    return new CallqaException("Manifest '" + manifest + "': " + problem + ". The manifest is a CSV with a"
        + " header: file,agent_id,queue,direction,started_at,agent_channel (only file is required).", null);
  }

  public static CallqaException model(String dir, String problem, Throwable cause) {
    return new CallqaException("Cannot load the Vosk model " + dir + ": " + problem + ". Pass --model with a"
        + " Vosk model directory (it contains am/ and conf/), or omit --model to use the bundled English model.",
        cause);
  }

  public static CallqaException output(String output, Exception cause) {
    return new CallqaException("Cannot write to '" + output + "': " + cause.getMessage()
        + ". Check that the output location is writable.", cause);
  }

  public static CallqaException rules(String file, String problem) {
    return new CallqaException("Rules file '" + file + "': " + problem + ".", null);
  }

  public static CallqaException noIngestTables(String output) {
    return new CallqaException("No ingest tables under '" + output + "'. Run `callqa ingest` (or `callqa run`)"
        + " with the same --output first.", null);
  }

  public static CallqaException noAnalyticsTables(String output, String table) {
    return new CallqaException("No " + table + " table under '" + output + "'. Run `callqa run` (or `callqa analyze`"
        + " after `callqa ingest`) with the same --output first.", null);
  }

  public static CallqaException noCallsOnDate(String output, java.time.LocalDate date, java.time.LocalDate latest) {
    return new CallqaException("No calls on " + date + " under '" + output + "'. Pass --date with a night that"
        + " was ingested (the latest is " + latest + "), or leave --date out to report the latest night.", null);
  }

  public static CallqaException config(String problem) {
    return new CallqaException(problem, null);
  }
}

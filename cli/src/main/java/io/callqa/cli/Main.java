package io.callqa.cli;

import io.callqa.analytics.AnalyticsConfig;
import io.callqa.analytics.AnalyticsJob;
import io.callqa.analytics.audit.AuditReport;
import io.callqa.analytics.audit.DisclosureAudit;
import io.callqa.ingest.CallqaException;
import io.callqa.ingest.IngestConfig;
import io.callqa.ingest.IngestJob;
import io.callqa.ingest.IngestResult;
import io.callqa.ingest.table.OutputLock;
import io.callqa.report.ReportConfig;
import io.callqa.report.ReportJob;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The callqa command line. Exit codes: 0 all recordings ok, 3 some recordings failed (outputs still written),
 * 2 usage error, 1 fatal error. Also the main class of the shaded jar for {@code spark-submit}.
 */
@Command(name = "callqa", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = {"Speech analytics for recorded contact-center calls.",
        "Transcribes each channel with Vosk, detects dead air, holds, over-talk,",
        "raised voices and missing disclosures, and writes Parquet tables.",
        "", "A night's batch:  callqa run --input <recordings> --output <tables>",
        "Its QA report:    callqa report --output <tables>",
        "Compliance audit: callqa audit --output <tables> [--csv]"},
    subcommands = {Main.Run.class, Main.Ingest.class, Main.Analyze.class, Main.Report.class, Main.Audit.class,
        CommandLine.HelpCommand.class},
    footer = {"", "Exit codes: 0 all recordings ok; 3 some recordings failed (listed, outputs",
        "still written); 2 usage error; 1 fatal error (a message says what to fix, e.g.",
        "another run is writing to the same --output: one run at a time per output)."})
public final class Main implements Runnable {
  static final int OK = 0;
  static final int FATAL = 1;
  static final int USAGE = 2;
  static final int SOME_FAILED = 3;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns the exit code (for tests). */
  public static int execute(String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof CallqaException) {
        cmd.getErr().println("callqa: " + e.getMessage());
      } else {
        cmd.getErr().println("callqa: unexpected error: " + e);
        e.printStackTrace(cmd.getErr());
      }
      return FATAL;
    });
    return cl.execute(args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Missing command: use run, ingest, analyze, report or audit.");
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"callqa " + io.callqa.ingest.BuildInfo.pipelineVersion()};
    }
  }

  /** Options every Spark-running command takes. */
  static final class SparkOptions {
    @Option(names = "--master", paramLabel = "URL",
        description = "Spark master. Default: local[*] (all cores of this machine), or the master spark-submit set.")
    String master;

    @Option(names = "--output", paramLabel = "PATH", defaultValue = "out",
        description = "Root folder of the Parquet tables (file://, hdfs://, s3a://). Default: ${DEFAULT-VALUE}.")
    String output;

    @Option(names = "--verbose", description = "Show Spark's own INFO logging.")
    boolean verbose;

    SparkSession session() {
      SparkSession.Builder b = SparkSession.builder().appName("callqa");
      // --master wins; else the master spark-submit set (system property); else local mode
      String effective = master != null ? master : System.getProperty("spark.master", "local[*]");
      b.master(effective);
      if (effective.startsWith("local")) {
        b.config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "8");
      }
      b.config("spark.sql.session.timeZone", "UTC")
          // standard Parquet timestamps (not Spark's legacy INT96) for DuckDB, pyarrow, Trino
          .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
          .config("spark.sql.debug.maxToStringFields", "200");
      SparkSession spark = b.getOrCreate();
      spark.sparkContext().setLogLevel(verbose ? "INFO" : "WARN");
      return spark;
    }

    /** Runs {@code work} in a new session, which is stopped afterwards whatever happens; returns its exit code. */
    int inSession(java.util.function.ToIntFunction<SparkSession> work) {
      SparkSession s = session();
      try {
        return work.applyAsInt(s);
      } finally {
        s.stop();
      }
    }
  }

  /** The speech model, used by ingest (transcription) and analytics (second listen for disclosures). */
  static final class ModelOptions {
    @Option(names = "--model", paramLabel = "DIR",
        description = "A Vosk model directory, for transcribing and for listening again for disclosures a"
            + " transcript does not show. Default: the bundled small English model.")
    String model;
  }

  /** Options of the ingest stage. */
  static final class IngestOptions {
    @Option(names = "--input", paramLabel = "PATH", defaultValue = "examples/calls",
        description = "Recordings: a folder (searched recursively), a file or a glob. Default: ${DEFAULT-VALUE}.")
    String input;

    @Option(names = "--manifest", paramLabel = "FILE",
        description = "Optional CSV with columns file,agent_id,queue,direction,started_at,agent_channel.")
    String manifest;

    @Option(names = "--agent-channel", paramLabel = "N", defaultValue = "0",
        description = "Channel of the agent in stereo recordings: 0 = left, 1 = right. Default: ${DEFAULT-VALUE}.")
    int agentChannel;

    @Option(names = "--reprocess", description = "Transcribe recordings again even if already ingested.")
    boolean reprocess;

    @Option(names = "--no-gating", description = "Feed whole channels to the recogniser, one channel at a time,"
        + " instead of only the speech regions on parallel threads (slower; for comparisons).")
    boolean noGating;

    @Option(names = "--no-denoise", description = "Feed the recogniser the audio as recorded. By default each"
        + " channel's steady background noise (measured in its quietest moments) is suppressed first, which keeps"
        + " the small model from losing sentences on noisy lines; clean recordings are nearly unchanged.")
    boolean noDenoise;

    @Option(names = "--salvage-truncated", description = "Analyse the part that is there of a recording cut off"
        + " before the length its header announces (by default such a file fails with an error saying so).")
    boolean salvageTruncated;

    @Option(names = "--keep-pii", description = "Keep personal data (card, social security, phone and account"
        + " numbers, dates of birth, e-mail addresses) in words and utterances. By default it is replaced by"
        + " [REDACTED] before anything is written. The choice is recorded in calls.pii_kept.")
    boolean keepPii;

    IngestConfig config(String output, ModelOptions model) {
      return new IngestConfig(input, output, manifest, model.model, agentChannel, reprocess,
          (noGating ? io.callqa.ingest.AsrOptions.ungated() : io.callqa.ingest.AsrOptions.defaults())
              .withDenoise(!noDenoise), salvageTruncated,
          keepPii);
    }
  }

  /** Options of the analytics stage. */
  static final class AnalyzeOptions {
    @Option(names = "--rules", paramLabel = "FILE", defaultValue = "examples/rules.yaml",
        description = "Rules YAML: thresholds, disclosures, phrase lists. Default: ${DEFAULT-VALUE}.")
    String rules;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Only analyse calls of this call_date.")
    LocalDate date;

    AnalyticsConfig config(String output, ModelOptions model) {
      return new AnalyticsConfig(output, rules, date, model.model);
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Ingest a batch of recordings, then analyse it: the nightly job.")
  static final class Run implements Callable<Integer> {
    @Mixin SparkOptions spark;
    @Mixin ModelOptions model;
    @Mixin IngestOptions ingest;
    @Mixin AnalyzeOptions analyze;

    @Override
    public Integer call() {
      return runStages(spark, ingest.config(spark.output, model), analyze.config(spark.output, model));
    }
  }

  @Command(name = "ingest", mixinStandardHelpOptions = true,
      description = "Discover, decode and transcribe recordings; write calls, words, utterances, speech_segments.")
  static final class Ingest implements Callable<Integer> {
    @Mixin SparkOptions spark;
    @Mixin ModelOptions model;
    @Mixin IngestOptions ingest;

    @Override
    public Integer call() {
      return runStages(spark, ingest.config(spark.output, model), null);
    }
  }

  @Command(name = "analyze", mixinStandardHelpOptions = true,
      description = "Detect events and check disclosures over the ingest tables (no re-transcription; the"
          + " recordings are read again only to listen for a disclosure, greeting or closing part a transcript"
          + " does not show).")
  static final class Analyze implements Callable<Integer> {
    @Mixin SparkOptions spark;
    @Mixin ModelOptions model;
    @Mixin AnalyzeOptions analyze;

    @Override
    public Integer call() {
      return runStages(spark, null, analyze.config(spark.output, model));
    }
  }

  @Command(name = "report", mixinStandardHelpOptions = true,
      description = {"Write a night's QA report: one self-contained HTML file (inline CSS and SVG charts, no",
          "network) with summary numbers, event charts, flagged calls with transcript snippets, disclosure",
          "compliance per rule, agents and failed recordings. Contains transcript excerpts (personal data):",
          "it is meant for QA supervisors."})
  static final class Report implements Callable<Integer> {
    @Mixin SparkOptions spark;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD",
        description = "The night (call_date) to report. Default: the latest call_date in the calls table.")
    LocalDate date;

    @Option(names = "--html", paramLabel = "PATH",
        description = "The HTML file to write (any Hadoop path). Default: <output>/reports/callqa-report-<date>.html.")
    String html;

    @Option(names = "--top", paramLabel = "N", defaultValue = "" + ReportConfig.DEFAULT_TOP_CALLS,
        description = "Show the N most severe flagged calls in detail (1-" + ReportConfig.MAX_TOP_CALLS
            + "; the rest are counted). Default: ${DEFAULT-VALUE}.")
    int top;

    @Override
    public Integer call() {
      ReportConfig config = new ReportConfig(spark.output, date, html, top);
      return spark.inSession(s -> {
        ReportJob.Result r = ReportJob.run(s, config);
        System.err.printf(Locale.ROOT, "report: night %s, %d recordings, %d flagged calls (%d shown)%nwritten to %s"
            + " (%d KB)%n", r.date(), r.calls(), r.flagged(), r.shownFlagged(), r.html(), (r.bytes() + 1023) / 1024);
        return OK;
      });
    }
  }

  @Command(name = "audit", mixinStandardHelpOptions = true,
      description = {"Compliance audit of the disclosure checks already written under --output:",
          "per disclosure, how many applicable calls said it in its window, said it late",
          "or missed it, then every missing or late call with its agent and file.",
          "Reads the tables only (run or analyze first)."})
  static final class Audit implements Callable<Integer> {
    @Mixin SparkOptions spark;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Only calls of this call_date.")
    LocalDate date;

    @Option(names = "--disclosure", paramLabel = "ID", description = "Only this disclosure id (as in the rules file).")
    String disclosure;

    @Option(names = "--csv", description = "Print CSV instead of a table: the counts, an empty line, the calls.")
    boolean csv;

    @Override
    public Integer call() {
      return spark.inSession(s -> {
        AuditReport report = DisclosureAudit.run(s, spark.output, date, disclosure);
        if (csv) {
          report.printCsv(System.out);
        } else {
          report.printTable(System.out);
        }
        System.out.flush();
        return OK;
      });
    }
  }

  /**
   * Runs ingest and/or analytics (a null config skips that stage) in one Spark session. The rules file is
   * validated before Spark starts, so a typo costs no start-up time.
   */
  static int runStages(SparkOptions spark, IngestConfig ingest, AnalyticsConfig analytics) {
    if (analytics != null) {
      io.callqa.analytics.rules.RulesLoader.load(java.nio.file.Path.of(analytics.rulesFile()));
    }
    String command = ingest == null ? "analyze" : analytics == null ? "ingest" : "run";
    return spark.inSession(s -> {
      // one run at a time per output: a second one would delete the first one's staged output (see OutputLock)
      try (OutputLock lock = OutputLock.acquire(s.sparkContext().hadoopConfiguration(), spark.output, command)) {
        int code = OK;
        if (ingest != null) {
          IngestResult r = IngestJob.run(s, ingest, System.err);
          report(r, System.err);
          code = r.failures().isEmpty() ? OK : SOME_FAILED;
        }
        if (analytics != null) {
          report(AnalyticsJob.run(s, analytics), spark.output, System.err);
        }
        return code;
      }
    });
  }

  static void report(IngestResult r, PrintStream err) {
    err.printf(Locale.ROOT, "ingest: %d recordings found, %d already ingested, %d ok, %d failed, %.1f audio min%n",
        r.found(), r.skipped(), r.ok(), r.failures().size(), r.audioSeconds() / 60);
    for (IngestResult.Failure f : r.failures()) {
      err.println("  FAILED " + f.sourcePath() + ": " + f.error());
    }
  }

  static void report(AnalyticsJob.Result a, String output, PrintStream err) {
    err.printf(Locale.ROOT, "analyze: %d calls, %d events, rules_version %s%ntables written under %s%n",
        a.calls(), a.events(), a.rulesVersion(), output);
  }
}

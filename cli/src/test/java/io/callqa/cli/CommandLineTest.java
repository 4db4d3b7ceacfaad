package io.callqa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage errors and fatal errors give the documented exit codes and messages; no Spark job is started. */
class CommandLineTest {

  @Test
  void helpExplainsEveryCommand() {
    String out = captureOut(() -> assertThat(Main.execute("--help")).isZero());
    assertThat(out).contains("run", "ingest", "analyze", "report", "audit", "Exit codes");
    String report = captureOut(() -> assertThat(Main.execute("report", "--help")).isZero());
    assertThat(report).contains("--output", "--date", "--html", "--top", "personal data");
    String audit = captureOut(() -> assertThat(Main.execute("audit", "--help")).isZero());
    assertThat(audit).contains("--output", "--date", "--disclosure", "--csv", "missing");
    String run = captureOut(() -> assertThat(Main.execute("run", "--help")).isZero());
    assertThat(run).contains("--input", "--output", "--rules", "--manifest", "--master", "--model");
  }

  @Test
  void keepPiiIsOfferedByRunAndIngestAndReachesTheIngestConfig() {
    assertThat(captureOut(() -> Main.execute("run", "--help"))).contains("--keep-pii", "[REDACTED]");
    assertThat(captureOut(() -> Main.execute("ingest", "--help"))).contains("--keep-pii");
    for (boolean keep : new boolean[] {false, true}) {
      String[] args = keep ? new String[] {"ingest", "--keep-pii"} : new String[] {"ingest"};
      Main.Ingest cmd = (Main.Ingest) new picocli.CommandLine(new Main()).parseArgs(args).subcommand()
          .commandSpec().userObject();
      assertThat(cmd.ingest.config("out", cmd.model).keepPii()).isEqualTo(keep);
    }
  }

  @Test
  void modelReachesBothStagesAndNoDenoiseReachesIngest() {
    Main.Run run = (Main.Run) new picocli.CommandLine(new Main())
        .parseArgs("run", "--model", "/models/big", "--no-denoise").subcommand().commandSpec().userObject();
    assertThat(run.ingest.config("out", run.model).modelDir()).isEqualTo("/models/big");
    assertThat(run.ingest.config("out", run.model).asr().denoise()).isFalse();
    assertThat(run.analyze.config("out", run.model).modelDir()).isEqualTo("/models/big");
    Main.Analyze analyze = (Main.Analyze) new picocli.CommandLine(new Main()).parseArgs("analyze").subcommand()
        .commandSpec().userObject();
    assertThat(analyze.analyze.config("out", analyze.model).modelDir()).as("bundled model").isNull();
    Main.Ingest ingest = (Main.Ingest) new picocli.CommandLine(new Main()).parseArgs("ingest").subcommand()
        .commandSpec().userObject();
    assertThat(ingest.ingest.config("out", ingest.model).asr().denoise()).as("on by default").isTrue();
    assertThat(captureOut(() -> Main.execute("analyze", "--help"))).contains("--model");
  }

  @Test
  void unknownOptionIsAUsageError() {
    String err = captureErr(() -> assertThat(Main.execute("run", "--no-such-option")).isEqualTo(Main.USAGE));
    assertThat(err).contains("--no-such-option");
  }

  @Test
  void reportTopOutOfRangeIsFatalWithTheAllowedRange() {
    String err = captureErr(() -> assertThat(Main.execute("report", "--top", "0")).isEqualTo(Main.FATAL));
    assertThat(err).contains("--top 0").contains("from 1 to 1000");
  }

  @Test
  void invalidRulesFileIsFatalWithTheOffendingKey(@TempDir Path tmp) throws Exception {
    Path rules = tmp.resolve("rules.yaml");
    Files.writeString(rules, "dead_air:\n  min_duraton_s: 5\n");
    String err = captureErr(() -> assertThat(Main.execute("analyze", "--rules", rules.toString(), "--output",
        tmp.resolve("out").toString())).isEqualTo(Main.FATAL));
    assertThat(err).contains("dead_air.min_duraton_s").contains("line 2");
  }

  private static String captureErr(Runnable r) {
    PrintStream old = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      r.run();
    } finally {
      System.setErr(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  private static String captureOut(Runnable r) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      r.run();
    } finally {
      System.setOut(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }
}

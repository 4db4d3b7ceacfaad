package io.callqa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A night's ingest killed with SIGKILL while it writes its output, then rerun, ends with exactly the rows of an
 * uninterrupted run: nothing duplicated, nothing missing.
 */
@Tag("slow")
class KillAndRerunTest {
  private static final List<String> CALLS = List.of("call02_dead_air.wav", "call05_raised_voice.wav",
      "call06_mono.wav");

  @Test
  void killedRunCompletedByRerunEqualsUninterruptedRun(@TempDir Path tmp) throws Exception {
    Path root = SampleNightEndToEndTest.repoRoot();
    Path in = tmp.resolve("in");
    Files.createDirectories(in);
    for (String c : CALLS) {
      Files.copy(root.resolve("examples/calls").resolve(c), in.resolve(c));
    }
    Path manifest = root.resolve("examples/manifest.csv");
    Path reference = tmp.resolve("reference");
    assertThat(Main.execute("ingest", "--input", in.toString(), "--output", reference.toString(), "--manifest",
        manifest.toString(), "--master", "local[2]")).isZero();

    Path crashed = tmp.resolve("crashed");
    Process p = startIngest(in, crashed, manifest, tmp.resolve("killed.log"));
    Path staging = crashed.resolve("_staging");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.exists(staging) && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(p.isAlive()).as("still running when its output started to appear").isTrue();
    Thread.sleep(300); // somewhere inside writing the staged tables
    p.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown hooks, no cleanup

    assertThat(Main.execute("ingest", "--input", in.toString(), "--output", crashed.toString(), "--manifest",
        manifest.toString(), "--master", "local[2]")).isZero();

    SparkSession spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate();
    try {
      for (String[] t : new String[][] {{"calls", "call_id, call_date, status, duration_s, agent_id"},
          {"words", "call_id, speaker, start_s, end_s, word, confidence"},
          {"utterances", "call_id, speaker, start_s, text"},
          {"speech_segments", "call_id, speaker, start_s, end_s, mean_dbfs"}}) {
        List<String> expected = rows(spark, reference, t[0], t[1]);
        assertThat(expected).as(t[0] + " of the uninterrupted run").isNotEmpty();
        assertThat(rows(spark, crashed, t[0], t[1])).as(t[0]).containsExactlyElementsOf(expected);
      }
      assertThat(crashed.resolve("_staging")).as("no leftovers").satisfiesAnyOf(
          d -> assertThat(d).doesNotExist(), d -> assertThat(d).isEmptyDirectory());
    } finally {
      spark.stop();
    }
  }

  private static List<String> rows(SparkSession spark, Path out, String table, String cols) {
    List<String> out2 = new ArrayList<>();
    for (Row r : spark.sql("SELECT " + cols + " FROM parquet.`" + out.resolve(table) + "` ORDER BY " + cols)
        .collectAsList()) {
      out2.add(r.toString());
    }
    return out2;
  }

  static Process startIngest(Path in, Path out, Path manifest, Path log) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("-Xmx") || arg.startsWith("-D")
          || arg.startsWith("-XX:+IgnoreUnrecognizedVMOptions")) {
        cmd.add(arg);
      }
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path") + File.pathSeparator);
    cmd.add(Main.class.getName());
    cmd.addAll(List.of("ingest", "--input", in.toString(), "--output", out.toString(), "--manifest",
        manifest.toString(), "--master", "local[2]"));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }
}

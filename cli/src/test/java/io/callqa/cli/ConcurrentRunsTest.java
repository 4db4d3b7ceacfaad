package io.callqa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runs on the same output at once: the second refuses with a message naming the first (its process and how
 * to clear a stale lock) and writes nothing, and the first completes its output untouched.
 */
@Tag("slow")
class ConcurrentRunsTest {

  @Test
  void theSecondRunRefusesAndTheFirstFinishesIntact(@TempDir Path tmp) throws Exception {
    Path root = SampleNightEndToEndTest.repoRoot();
    Path in = tmp.resolve("in");
    Files.createDirectories(in);
    for (String c : new String[] {"call02_dead_air.wav", "call06_mono.wav"}) {
      Files.copy(root.resolve("examples/calls").resolve(c), in.resolve(c));
    }
    Path manifest = root.resolve("examples/manifest.csv");
    Path out = tmp.resolve("out");
    Process first = KillAndRerunTest.startIngest(in, out, manifest, tmp.resolve("first.log"));
    try {
      refusedWhileTheFirstRuns(first, in, out, tmp);
    } finally {
      first.destroyForcibly();
    }
  }

  private static void refusedWhileTheFirstRuns(Process first, Path in, Path out, Path tmp) throws Exception {
    Path lock = out.resolve("_lock");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (!Files.exists(lock) && first.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(lock).as("the first run holds the lock (log: %s)", tmp.resolve("first.log")).exists();

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream originalErr = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int second;
    try {
      second = Main.execute("ingest", "--input", in.toString(), "--output", out.toString(), "--master", "local[2]");
    } finally {
      System.setErr(originalErr);
    }
    String message = err.toString(StandardCharsets.UTF_8);
    System.err.print(message);
    assertThat(first.isAlive()).as("the first run was still running when the second was refused").isTrue();
    assertThat(second).isEqualTo(Main.FATAL);
    assertThat(message).contains("callqa: Another callqa run is writing to '" + out + "'")
        .contains("ingest run ").contains("by process " + first.pid()).contains("started ")
        .contains("delete " + lock);

    assertThat(first.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(first.exitValue()).as(Files.readString(tmp.resolve("first.log"))).isZero();
    assertThat(lock).as("released at the end of the run").doesNotExist();
    SparkSession spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate();
    try {
      assertThat(spark.sql("SELECT status FROM parquet.`" + out.resolve("calls") + "`").collectAsList())
          .hasSize(2).allSatisfy(r -> assertThat(r.getString(0)).isEqualTo("ok"));
      assertThat(spark.sql("SELECT count(*) FROM parquet.`" + out.resolve("words") + "`").first().getLong(0))
          .isGreaterThan(50);
    } finally {
      spark.stop();
    }
  }
}

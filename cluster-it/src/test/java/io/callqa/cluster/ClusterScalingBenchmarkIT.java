package io.callqa.cluster;

import io.callqa.ingest.table.CallsTable;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scaling of {@code callqa run} on the test cluster (HDFS in and out): the same generated batch on one worker
 * and on two workers (one core and one executor each), plus the same jar in local mode for reference. Prints a
 * Markdown table for docs/cluster.md; asserts only that every run succeeded.
 *
 * <p>Run: {@code mvn -B verify -pl cluster-it -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -DexcludedGroups= -Dgroups=benchmark -Dit.test=ClusterScalingBenchmarkIT}. Took 23 minutes on the shared 2-core machine.
 */
@Tag("benchmark")
class ClusterScalingBenchmarkIT {
  private static final List<String> SOURCES = List.of("call01_good.wav", "call02_dead_air.wav", "call03_hold.wav",
      "call05_raised_voice.wav");
  private static final int COPIES = 5;
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(30);

  @Test
  void oneVersusTwoWorkers() throws Exception {
    ItSetup setup = ItSetup.fromSystemProperties();
    Path dir = Path.of(System.getProperty("java.io.tmpdir")).resolve("cluster-scaling").toAbsolutePath();
    ClusterRunIT.deleteTree(dir);
    Path batch = dir.resolve("batch");
    generateBatch(setup.repoRoot(), batch);
    String rules = setup.repoRoot().resolve("examples/rules.yaml").toString();
    List<String> rows = new ArrayList<>();

    for (int workers = 1; workers <= 2; workers++) {
      Path runDir = dir.resolve(workers + "-workers");
      try (StandaloneCluster cluster = StandaloneCluster.start(setup, runDir, workers, 1, "1536m")) {
        cluster.copyToHdfs(batch, "/in/batch");
        ExecutorRss rss = ExecutorRss.start(cluster);
        long t0 = System.nanoTime();
        int code = cluster.submit("scaling-run", List.of("spark.executor.memory=1g", "spark.executor.cores=1",
                "spark.scheduler.minRegisteredResourcesRatio=1.0", "spark.sql.shuffle.partitions=4"),
            List.of("run", "--input", cluster.hdfs("/in/batch"), "--rules", rules, "--output",
                cluster.hdfs("/out")), RUN_TIMEOUT);
        double wall = (System.nanoTime() - t0) / 1e9;
        long peakRss = rss.stop();
        if (code != 0) {
          throw new AssertionError("run on " + workers + " worker(s) exited with " + code + "; logs under " + runDir);
        }
        rows.add(row("standalone, " + workers + " worker(s) x 1 core, HDFS", wall,
            audioSeconds(cluster.hdfs("/out/" + CallsTable.NAME)), peakRss));
      }
    }

    Path localOut = dir.resolve("local-out");
    Path cache = dir.resolve("local-model-cache");
    Files.createDirectories(cache);
    long t0 = System.nanoTime();
    int code = StandaloneCluster.submit(setup, dir, "scaling-local", "local[2]", List.of(),
        List.of("run", "--input", batch.toString(), "--rules", rules, "--output", localOut.toString()),
        Map.of("CALLQA_MODEL_CACHE", cache.toString()), RUN_TIMEOUT);
    double wall = (System.nanoTime() - t0) / 1e9;
    if (code != 0) {
      throw new AssertionError("local-mode run exited with " + code + "; logs under " + dir);
    }
    rows.add(row("local[2], local files (reference)", wall, audioSeconds(localOut.resolve(CallsTable.NAME)
        .toString()), -1));

    PrintStream out = System.out;
    out.printf(Locale.ROOT, "%nbatch: %d stereo 8 kHz mu-law calls; machine: %d cores%n",
        SOURCES.size() * COPIES, Runtime.getRuntime().availableProcessors());
    out.println("| setup | calls ok | audio min | wall s (spark-submit to exit) | audio s per wall s"
        + " | peak RSS per executor |");
    out.println("|---|---|---|---|---|---|");
    rows.forEach(out::println);
  }

  private static String row(String what, double wall, double[] okAndAudio, long peakRssBytes) {
    return String.format(Locale.ROOT, "| %s | %.0f | %.1f | %.0f | %.2f | %s |", what, okAndAudio[0],
        okAndAudio[1] / 60, wall, okAndAudio[1] / wall,
        peakRssBytes < 0 ? "-" : String.format(Locale.ROOT, "%.0f MiB", peakRssBytes / 1048576.0));
  }

  /** Samples the executors' peak resident memory (VmHWM, Linux) every half second while a run goes on. */
  private static final class ExecutorRss {
    private final Thread thread;
    private final java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean running = true;

    private ExecutorRss(StandaloneCluster cluster) {
      thread = new Thread(() -> {
        while (running) {
          for (ProcessHandle h : cluster.executors()) {
            peak.accumulateAndGet(vmHwm(h.pid()), Math::max);
          }
          try {
            Thread.sleep(500);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "executor-rss");
      thread.setDaemon(true);
    }

    static ExecutorRss start(StandaloneCluster cluster) {
      ExecutorRss r = new ExecutorRss(cluster);
      r.thread.start();
      return r;
    }

    long stop() throws InterruptedException {
      running = false;
      thread.join();
      return peak.get();
    }

    private static long vmHwm(long pid) {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
          if (line.startsWith("VmHWM:")) {
            return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
          }
        }
      } catch (java.io.IOException | RuntimeException e) {
        // the executor has just exited
      }
      return 0;
    }
  }

  private static double[] audioSeconds(String callsPath) throws java.io.IOException {
    try (SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "1").getOrCreate()) {
      spark.sparkContext().setLogLevel("WARN");
      Row r = spark.read().parquet(callsPath).filter(functions.col(CallsTable.STATUS).equalTo("ok"))
          .agg(functions.count("*"), functions.sum(CallsTable.DURATION_S)).first();
      return new double[] {r.getLong(0), r.getDouble(1)};
    }
  }

  /** Copies of the stereo 8 kHz samples, each with a few sample bytes changed (inaudibly) so call_ids differ. */
  private static void generateBatch(Path root, Path batch) throws Exception {
    Files.createDirectories(batch);
    Random rnd = new Random(42);
    for (int copy = 0; copy < COPIES; copy++) {
      for (String name : SOURCES) {
        byte[] bytes = Files.readAllBytes(root.resolve("examples/calls").resolve(name));
        for (int i = 0; i < 16; i++) {
          int pos = 4096 + rnd.nextInt(bytes.length - 4096);
          bytes[pos] ^= 1;
        }
        Files.write(batch.resolve(String.format(Locale.ROOT, "c%02d_%s", copy, name)), bytes);
      }
    }
  }
}

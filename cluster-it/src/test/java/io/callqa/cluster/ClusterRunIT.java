package io.callqa.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.callqa.analytics.AnalyticsJob;
import io.callqa.ingest.IngestJob;
import io.callqa.ingest.asr.VoskModels;
import io.callqa.ingest.table.CallsTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The shaded {@code callqa.jar} submitted with {@code spark-submit} arguments to a real Spark standalone cluster (a
 * master and two one-core workers, each a separate JVM with its own executor) reading the sample calls from a real
 * HDFS and writing its tables there, compared with a local-mode run of the same jar on the same calls.
 *
 * <p>Run by failsafe in {@code mvn verify} (it needs the jar that cli packages). Logs of every JVM stay under
 * {@code cluster-it/target/cluster-run/logs}, executor logs under {@code worker-N/app-* /<executor id>/stderr}.
 */
@Tag("slow")
class ClusterRunIT {
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(8);
  /** Columns that differ between two runs by design: when the row was made, and the recogniser's CPU time. */
  private static final List<String> RUN_SPECIFIC = List.of(CallsTable.INGESTED_AT, CallsTable.ASR_CPU_S);
  private static final int SAMPLE_CALLS = 6;

  private static ItSetup setup;
  private static Path dir;
  private static StandaloneCluster cluster;
  private static SparkSession spark;
  private static int localExit;
  private static int clusterExit;
  private static Path localOut;

  @BeforeAll
  static void runLocallyAndOnTheCluster() throws Exception {
    setup = ItSetup.fromSystemProperties();
    dir = Path.of(System.getProperty("java.io.tmpdir")).resolve("cluster-run").toAbsolutePath();
    deleteTree(dir);
    Files.createDirectories(dir);
    Path examples = setup.repoRoot().resolve("examples");
    String rules = examples.resolve("rules.yaml").toString();

    // local mode, same jar, through SparkSubmit too
    localOut = dir.resolve("local-out");
    Path localCache = dir.resolve("local-model-cache");
    Files.createDirectories(localCache);
    localExit = StandaloneCluster.submit(setup, dir, "local-run", "local[2]", List.of(),
        List.of("run", "--input", examples.resolve("calls").toString(), "--manifest",
            examples.resolve("manifest.csv").toString(), "--rules", rules, "--output", localOut.toString()),
        Map.of("CALLQA_MODEL_CACHE", localCache.toString()), RUN_TIMEOUT);

    cluster = StandaloneCluster.start(setup, dir, 2, 1, "1536m");
    cluster.copyToHdfs(examples.resolve("calls"), "/in/calls");
    cluster.copyToHdfs(examples.resolve("manifest.csv"), "/in/manifest.csv");
    clusterExit = cluster.submit("cluster-run", List.of(
            "spark.executor.memory=1g",
            "spark.executor.cores=1",
            // start only when both executors are there, so the work is spread as on a real cluster
            "spark.scheduler.minRegisteredResourcesRatio=1.0",
            "spark.scheduler.maxRegisteredResourcesWaitingTime=120s",
            "spark.sql.shuffle.partitions=4"),
        List.of("run", "--input", cluster.hdfs("/in/calls"), "--manifest", cluster.hdfs("/in/manifest.csv"),
            "--rules", rules, "--output", cluster.hdfs("/out")), RUN_TIMEOUT);

    spark = SparkSession.builder().master("local[1]").appName("cluster-it-compare")
        .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "2").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
  }

  @AfterAll
  static void stopEverything() {
    if (spark != null) {
      spark.stop();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void bothRunsSucceed() {
    assertThat(localExit).as("local-mode run exit code (log: %s)", dir.resolve("logs/local-run.log")).isZero();
    assertThat(clusterExit).as("cluster run exit code (log: %s)", dir.resolve("logs/cluster-run.log")).isZero();
    Dataset<Row> calls = spark.read().parquet(cluster.hdfs("/out/" + CallsTable.NAME));
    assertThat(calls.count()).isEqualTo(SAMPLE_CALLS);
    assertThat(calls.filter(functions.col(CallsTable.STATUS).notEqual("ok")).count()).isZero();
  }

  /**
   * Each worker's executor got the model from the application jar (its own empty cache, no shared file system),
   * loaded it exactly once and ran several tasks with it: once per executor JVM, not once per task.
   */
  @Test
  void eachExecutorLoadsTheModelOnceFromTheJar() throws IOException {
    List<Path> executorLogs = new ArrayList<>();
    for (Path worker : cluster.workerDirs()) {
      List<Path> logs = executorLogs(worker);
      assertThat(logs).as("executor logs of the cluster run under %s", worker).hasSize(1);
      executorLogs.addAll(logs);
    }
    int totalTasks = 0;
    for (Path log : executorLogs) {
      List<String> lines = Files.readAllLines(log);
      long loads = lines.stream().filter(l -> l.contains(VoskModels.LOADED_LOG_PREFIX)).count();
      long tasks = lines.stream().filter(l -> l.contains("Running task")).count();
      assertThat(loads).as("model loads logged in %s", log).isEqualTo(1);
      assertThat(tasks).as("tasks run by the executor of %s", log).isGreaterThanOrEqualTo(2);
      totalTasks += (int) tasks;
    }
    assertThat(totalTasks).as("tasks in all").isGreaterThan(executorLogs.size());
    for (Path cache : cluster.modelCaches()) {
      try (Stream<Path> s = Files.list(cache)) {
        assertThat(s.filter(p -> Files.exists(p.resolve(".complete"))).count())
            .as("model extracted from the jar into %s", cache).isEqualTo(1);
      }
    }
  }

  /** Every table the run writes has the same rows on HDFS as in local mode, except for run-specific columns. */
  @Test
  void tablesOnHdfsEqualTheLocalModeTables() {
    List<String> tables = new ArrayList<>(IngestJob.TABLES);
    tables.addAll(AnalyticsJob.TABLES);
    for (String table : tables) {
      Dataset<Row> local = comparable(spark.read().parquet(localOut.resolve(table).toString()));
      Dataset<Row> remote = comparable(spark.read().parquet(cluster.hdfs("/out/" + table)));
      assertThat(remote.columns()).as("%s columns", table).containsExactly(local.columns());
      long rows = local.count();
      assertThat(rows).as("%s rows in local mode", table).isPositive();
      assertThat(remote.count()).as("%s rows on the cluster", table).isEqualTo(rows);
      List<Row> onlyLocal = local.exceptAll(remote).limit(5).collectAsList();
      List<Row> onlyRemote = remote.exceptAll(local).limit(5).collectAsList();
      assertThat(onlyLocal).as("%s rows only in local mode (cluster has instead %s)", table, onlyRemote).isEmpty();
      assertThat(onlyRemote).as("%s rows only on the cluster", table).isEmpty();
    }
  }

  /** Drops run-specific columns and keeps only the file name of source_path (file: vs hdfs: paths). */
  private static Dataset<Row> comparable(Dataset<Row> df) {
    List<String> cols = Arrays.asList(df.columns());
    Dataset<Row> out = df;
    for (String c : RUN_SPECIFIC) {
      if (cols.contains(c)) {
        out = out.drop(c);
      }
    }
    if (cols.contains(CallsTable.SOURCE_PATH)) {
      Column name = functions.element_at(functions.split(functions.col(CallsTable.SOURCE_PATH), "/"), -1);
      out = out.withColumn(CallsTable.SOURCE_PATH, name);
    }
    String[] sorted = Arrays.stream(out.columns()).sorted().toArray(String[]::new);
    return out.selectExpr(Arrays.stream(sorted).map(c -> "`" + c + "`").toArray(String[]::new));
  }

  private static List<Path> executorLogs(Path workerDir) throws IOException {
    if (!Files.isDirectory(workerDir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(workerDir, 3)) {
      return s.filter(p -> p.getFileName().toString().equals("stderr")
          && p.getParent().getParent().getFileName().toString().startsWith("app-")).sorted().toList();
    }
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}

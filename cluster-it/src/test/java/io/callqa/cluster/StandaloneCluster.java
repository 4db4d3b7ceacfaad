package io.callqa.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * A real Spark standalone cluster and a real HDFS on 127.0.0.1, each daemon a separate JVM started from the
 * project's own Maven dependency jars: an HDFS NameNode+DataNode ({@link HdfsNode}), a
 * {@code org.apache.spark.deploy.master.Master} and N {@code org.apache.spark.deploy.worker.Worker}s, each worker
 * with its own work folder and its own empty {@code CALLQA_MODEL_CACHE} (so its executor must extract the Vosk
 * model from the application jar: nothing is shared through the file system). {@link #close()} kills them all.
 *
 * <p>Workers need {@code SPARK_HOME} with the Spark jars in {@code jars/} (they build the executor's classpath from
 * it) and {@code SPARK_SCALA_VERSION}; otherwise executors fail with "Cannot find any build directories".
 */
final class StandaloneCluster implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
  private static final String LOCAL_IP = "127.0.0.1";

  private final ItSetup setup;
  private final Path dir;
  private final List<ChildJvm> daemons = new ArrayList<>();
  private final List<ChildJvm> workerJvms = new ArrayList<>();
  private final List<Path> workerDirs = new ArrayList<>();
  private final List<Path> modelCaches = new ArrayList<>();
  private String hdfsUri;
  private String masterUrl;

  private StandaloneCluster(ItSetup setup, Path dir) {
    this.setup = setup;
    this.dir = dir;
  }

  /** Starts HDFS, a master and {@code workers} workers of {@code coresPerWorker} cores; waits until all are up. */
  static StandaloneCluster start(ItSetup setup, Path dir, int workers, int coresPerWorker, String workerMemory)
      throws IOException, InterruptedException {
    StandaloneCluster c = new StandaloneCluster(setup, dir);
    try {
      c.startAll(workers, coresPerWorker, workerMemory);
      return c;
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      c.close();
      throw e;
    }
  }

  private void startAll(int workers, int cores, String memory) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path sparkHome = sparkHome();

    // HDFS: the test's own classpath holds hadoop-client-minicluster
    Path uriFile = dir.resolve("hdfs.uri");
    ChildJvm hdfs = ChildJvm.start("hdfs", dir.resolve("logs/hdfs.log"), List.of("-Xmx512m"),
        System.getProperty("java.class.path"), HdfsNode.class.getName(),
        List.of(dir.resolve("hdfs").toString(), uriFile.toString()), Map.of(), dir);
    daemons.add(hdfs);

    int masterPort = freePort();
    int masterUiPort = freePort();
    masterUrl = "spark://" + LOCAL_IP + ":" + masterPort;
    daemons.add(ChildJvm.start("master", dir.resolve("logs/master.log"), jvm("512m"), setup.sparkClasspath(),
        "org.apache.spark.deploy.master.Master",
        List.of("--host", LOCAL_IP, "--port", String.valueOf(masterPort), "--webui-port",
            String.valueOf(masterUiPort)), sparkEnv(sparkHome), dir));

    for (int i = 0; i < workers; i++) {
      Path workDir = dir.resolve("worker-" + i);
      Path cache = dir.resolve("worker-" + i + "-model-cache");
      Files.createDirectories(cache);
      workerDirs.add(workDir);
      modelCaches.add(cache);
      Map<String, String> env = sparkEnv(sparkHome);
      env.put("CALLQA_MODEL_CACHE", cache.toString());
      ChildJvm worker = ChildJvm.start("worker-" + i, dir.resolve("logs/worker-" + i + ".log"), jvm("256m"),
          setup.sparkClasspath(), "org.apache.spark.deploy.worker.Worker",
          List.of("--host", LOCAL_IP, "--cores", String.valueOf(cores), "--memory", memory, "--work-dir",
              workDir.toString(), "--webui-port", String.valueOf(freePort()), masterUrl), env, workDir);
      daemons.add(worker);
      workerJvms.add(worker);
    }

    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!Files.exists(uriFile)) {
      awaitTick(deadline, "HDFS to start");
    }
    hdfsUri = Files.readString(uriFile).trim();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    URI masterJson = URI.create("http://" + LOCAL_IP + ":" + masterUiPort + "/json/");
    while (aliveWorkers(http, masterJson) < workers) {
      awaitTick(deadline, workers + " workers to register with the master");
    }
  }

  private void awaitTick(long deadline, String what) throws InterruptedException {
    for (ChildJvm d : daemons) {
      if (!d.isAlive()) {
        throw new AssertionError(d + " exited while waiting for " + what + ":\n" + d.logTail(40));
      }
    }
    if (System.nanoTime() > deadline) {
      throw new AssertionError("timed out after " + START_TIMEOUT + " waiting for " + what + "; logs under "
          + dir.resolve("logs"));
    }
    Thread.sleep(500);
  }

  private static int aliveWorkers(HttpClient http, URI masterJson) throws InterruptedException {
    try {
      String body = http.send(HttpRequest.newBuilder(masterJson).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      Matcher m = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)").matcher(body);
      return m.find() ? Integer.parseInt(m.group(1)) : 0;
    } catch (IOException e) {
      return 0; // master not listening yet
    }
  }

  /** SPARK_HOME for the workers: a folder whose jars/ links to the Spark jars from the Maven repository. */
  private Path sparkHome() throws IOException {
    Path home = dir.resolve("spark-home");
    Path jars = home.resolve("jars");
    Files.createDirectories(jars);
    for (Path jar : setup.sparkJars()) {
      Path link = jars.resolve(jar.getFileName());
      if (!Files.exists(link)) {
        Files.createSymbolicLink(link, jar);
      }
    }
    return home;
  }

  private Map<String, String> sparkEnv(Path sparkHome) {
    Map<String, String> env = new HashMap<>();
    env.put("SPARK_HOME", sparkHome.toString());
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("SPARK_LOCAL_IP", LOCAL_IP);
    env.put("SPARK_LOCAL_DIRS", dir.resolve("spark-local").toString());
    return env;
  }

  private List<String> jvm(String heap) {
    List<String> args = new ArrayList<>();
    args.add("-Xmx" + heap);
    args.add("-Djava.io.tmpdir=" + dir);
    args.addAll(setup.jvmOptions());
    return args;
  }

  /**
   * Runs {@code org.apache.spark.deploy.SparkSubmit} (what the {@code spark-submit} script runs) in a child JVM,
   * client deploy mode, with the application jar and arguments, and returns its exit code.
   */
  static int submit(ItSetup setup, Path dir, String name, String master, List<String> conf, List<String> appArgs,
      Map<String, String> env, Duration timeout) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("--master", master, "--deploy-mode", "client", "--class",
        "io.callqa.cli.Main", "--name", name, "--conf", "spark.driver.host=" + LOCAL_IP,
        "--conf", "spark.ui.enabled=false"));
    for (String c : conf) {
      args.add("--conf");
      args.add(c);
    }
    args.add(setup.appJar().toString());
    args.addAll(appArgs);
    List<String> jvm = new ArrayList<>(List.of("-Xmx1g", "-Djava.io.tmpdir=" + dir));
    jvm.addAll(setup.jvmOptions());
    Map<String, String> e = new HashMap<>(env);
    e.put("SPARK_LOCAL_IP", LOCAL_IP);
    try (ChildJvm driver = ChildJvm.start(name, dir.resolve("logs/" + name + ".log"), jvm,
        setup.sparkClasspath(), "org.apache.spark.deploy.SparkSubmit", args, e, dir)) {
      int code = driver.waitFor(timeout);
      if (code != 0) {
        System.err.println(name + " exited with " + code + "; its log " + driver.log() + " ends:\n"
            + driver.logTail(60));
      }
      return code;
    }
  }

  int submit(String name, List<String> conf, List<String> appArgs, Duration timeout)
      throws IOException, InterruptedException {
    Path cache = dir.resolve(name + "-model-cache");
    Files.createDirectories(cache);
    return submit(setup, dir, name, masterUrl, conf, appArgs, Map.of("CALLQA_MODEL_CACHE", cache.toString()),
        timeout);
  }

  /** Copies a local file or folder into HDFS at {@code hdfsPath} (absolute, e.g. {@code /in/calls}). */
  void copyToHdfs(Path local, String hdfsPath) throws IOException {
    try (FileSystem fs = FileSystem.newInstance(URI.create(hdfsUri), new Configuration())) {
      fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.toUri()),
          new org.apache.hadoop.fs.Path(hdfsPath));
    }
  }

  /** {@code hdfs://127.0.0.1:<port>} + path. */
  String hdfs(String path) {
    return hdfsUri + path;
  }

  /** The executor JVMs the workers run right now. */
  List<ProcessHandle> executors() {
    return workerJvms.stream().flatMap(ChildJvm::descendants).toList();
  }

  List<Path> workerDirs() {
    return List.copyOf(workerDirs);
  }

  List<Path> modelCaches() {
    return List.copyOf(modelCaches);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getByName(LOCAL_IP))) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    for (int i = daemons.size() - 1; i >= 0; i--) {
      daemons.get(i).close();
    }
    daemons.clear();
  }
}

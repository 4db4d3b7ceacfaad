package io.callqa.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One child JVM of the test cluster (HDFS, master, worker or driver), its stdout and stderr in one log file.
 * {@link #close()} kills it and everything it started (a worker's executors), so nothing outlives the test.
 */
final class ChildJvm implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;

  private ChildJvm(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code java <jvmArgs> -cp <classpath> <mainClass> <args>} in {@code workDir} with {@code env} added to
   * this JVM's environment.
   */
  static ChildJvm start(String name, Path log, List<String> jvmArgs, String classpath, String mainClass,
      List<String> args, Map<String, String> env, Path workDir) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(classpath);
    cmd.add(mainClass);
    cmd.addAll(args);
    Files.createDirectories(log.getParent());
    Files.createDirectories(workDir);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().putAll(env);
    ChildJvm jvm = new ChildJvm(name, pb.start(), log);
    // also when the test JVM is stopped from outside (Ctrl-C, failsafe timeout) rather than by close()
    Runtime.getRuntime().addShutdownHook(new Thread(jvm::close, "kill-" + name));
    return jvm;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The JVMs this one started and that still run (a worker's executors). */
  java.util.stream.Stream<ProcessHandle> descendants() {
    return process.descendants();
  }

  Path log() {
    return log;
  }

  /** Waits for the exit code; kills the process and fails with the log's tail when {@code timeout} passes. */
  int waitFor(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      close();
      throw new AssertionError(name + " did not finish within " + timeout + "; log " + log + ":\n" + logTail(60));
    }
    return process.exitValue();
  }

  /** The last {@code lines} lines of the log, for failure messages. */
  String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ", log " + log + ")";
  }
}

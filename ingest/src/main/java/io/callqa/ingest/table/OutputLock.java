package io.callqa.ingest.table;

import io.callqa.ingest.CallqaException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run at a time per output folder: the file {@code <output>/_lock}, created exclusively through the Hadoop
 * FileSystem API (an atomic create on the local file system and HDFS), names the run that holds it. A second run
 * on the same output refuses to start with a message saying which run holds it, since when, and how to clear it;
 * without the lock, its {@link PartitionCommit#recover} would delete the first run's staged output.
 *
 * <p>A lock left behind by a run that died (kill -9, a lost machine) does not block forever: while a run holds the
 * lock a daemon thread refreshes the file's modification time every {@link #HEARTBEAT} (a lease), and a lock is
 * stale, and taken over, when its holder is a process on this machine that no longer exists, or when its lease has
 * not been refreshed for {@link #EXPIRY} (a holder on another machine). Close the lock (try-with-resources) to
 * release it; it is only deleted while it still names this run.
 *
 * <p>On object stores without an atomic create (s3a://) two runs started within the same instant may both get
 * the lock; schedule one run per output there.
 */
public final class OutputLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutputLock.class);
  /** The lock file's name under the output folder (hidden from table readers by the leading underscore). */
  public static final String FILE = "_lock";
  /** How often a holder refreshes its lease. */
  public static final Duration HEARTBEAT = Duration.ofSeconds(30);
  /** A lock whose lease is older than this is stale (10 missed heartbeats). */
  public static final Duration EXPIRY = Duration.ofMinutes(5);

  private static final String RUN = "run";
  private static final String HOST = "host";
  private static final String PID = "pid";
  private static final String PROCESS_START = "process_start";
  private static final String COMMAND = "command";
  private static final String STARTED = "started_at";

  private final FileSystem fs;
  private final Path file;
  private final String runId;
  private final Thread heartbeat;
  private volatile boolean released;

  private OutputLock(FileSystem fs, Path file, String runId, Duration heartbeatEvery) {
    this.fs = fs;
    this.file = file;
    this.runId = runId;
    this.heartbeat = new Thread(() -> beat(heartbeatEvery), "callqa-lock-heartbeat");
    this.heartbeat.setDaemon(true);
    this.heartbeat.start();
  }

  /**
   * Takes the lock of {@code output} for a run doing {@code command} (e.g. "ingest"), creating the folder if
   * needed; a stale lock is taken over.
   *
   * @throws CallqaException when another live run holds it, or the output is not writable
   */
  public static OutputLock acquire(Configuration conf, String output, String command) {
    return acquire(conf, output, command, HEARTBEAT, EXPIRY);
  }

  /** As {@link #acquire(Configuration, String, String)} with explicit lease timing (tests). */
  static OutputLock acquire(Configuration conf, String output, String command, Duration heartbeatEvery,
      Duration expiry) {
    try {
      Path dir = new Path(output);
      FileSystem fs = dir.getFileSystem(conf);
      fs.mkdirs(dir);
      Path file = new Path(dir, FILE);
      String runId = UUID.randomUUID().toString();
      byte[] content = describeThisRun(runId, command);
      for (int attempt = 0; attempt < 3; attempt++) {
        if (createExclusively(fs, file, content)) {
          return new OutputLock(fs, file, runId, heartbeatEvery);
        }
        Optional<Holder> holder = Holder.read(fs, file);
        if (holder.isEmpty()) {
          continue; // released between our create and our read: try again
        }
        Optional<String> stale = holder.get().staleBecause(expiry);
        if (stale.isEmpty()) {
          throw locked(output, file, holder.get(), expiry);
        }
        LOG.warn("Taking over the lock of {}: {}", output, stale.get());
        fs.delete(file, false);
      }
      throw CallqaException.config("Could not take the lock " + file + " after 3 attempts: other runs keep"
          + " taking it. Run one callqa at a time per --output.");
    } catch (IOException e) {
      throw CallqaException.output(output, e);
    }
  }

  /** The run id written into the lock file. */
  public String runId() {
    return runId;
  }

  /** Stops the heartbeat and deletes the lock file if it still names this run. Idempotent. */
  @Override
  public void close() {
    if (released) {
      return;
    }
    released = true;
    heartbeat.interrupt();
    try {
      heartbeat.join(10_000);
      Optional<Holder> h = Holder.read(fs, file);
      if (h.isPresent() && runId.equals(h.get().fields().get(RUN))) {
        fs.delete(file, false);
      } else {
        LOG.warn("The lock {} no longer names this run (taken over as stale?); left as it is", file);
      }
    } catch (IOException e) {
      LOG.warn("Could not remove the lock {}: {}; the next run will take it over once stale", file, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void beat(Duration every) {
    while (!released) {
      try {
        Thread.sleep(every.toMillis());
        if (!released) {
          fs.setTimes(file, System.currentTimeMillis(), -1);
        }
      } catch (InterruptedException e) {
        return;
      } catch (IOException e) {
        LOG.warn("Could not refresh the lock {}: {}", file, e.getMessage());
      }
    }
  }

  private static CallqaException locked(String output, Path file, Holder h, Duration expiry) {
    Map<String, String> f = h.fields();
    return CallqaException.config("Another callqa run is writing to '" + output + "': " + f.get(COMMAND)
        + " run " + f.get(RUN) + " by process " + f.get(PID) + " on host " + f.get(HOST) + ", started "
        + f.get(STARTED) + ", lease last refreshed " + h.refreshed() + ". Wait for it to finish, or use another"
        + " --output. If that run is gone (e.g. its machine died), delete " + file + "; a lock whose process is"
        + " gone on this host, or whose lease is older than " + expiry.toMinutes() + " minutes, is taken over"
        + " automatically.");
  }

  /** Creates {@code file} holding {@code content} unless it exists; true when this call created it. */
  private static boolean createExclusively(FileSystem fs, Path file, byte[] content) throws IOException {
    if (fs instanceof LocalFileSystem local) {
      // Hadoop's local create(overwrite=false) checks, then creates; O_EXCL makes check-and-create one step
      java.nio.file.Path p = local.pathToFile(file).toPath();
      try {
        Files.write(p, content, java.nio.file.StandardOpenOption.CREATE_NEW,
            java.nio.file.StandardOpenOption.WRITE);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      }
    }
    try (OutputStream out = fs.create(file, false)) {
      out.write(content);
      return true;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      if (fs.exists(file)) {
        return false; // e.g. HDFS AlreadyBeingCreatedException
      }
      throw e;
    }
  }

  private static byte[] describeThisRun(String runId, String command) {
    ProcessHandle self = ProcessHandle.current();
    Map<String, String> f = new LinkedHashMap<>();
    f.put(RUN, runId);
    f.put(COMMAND, command);
    f.put(HOST, hostName());
    f.put(PID, Long.toString(self.pid()));
    f.put(PROCESS_START, self.info().startInstant().map(Instant::toString).orElse(""));
    f.put(STARTED, Instant.now().toString());
    StringBuilder sb = new StringBuilder();
    f.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** What a lock file says about its holder, and when its lease was last refreshed. */
  record Holder(Map<String, String> fields, Instant refreshed) {

    static Optional<Holder> read(FileSystem fs, Path file) throws IOException {
      FileStatus st;
      byte[] bytes;
      try {
        st = fs.getFileStatus(file);
        try (InputStream in = fs.open(file)) {
          ByteArrayOutputStream buf = new ByteArrayOutputStream();
          in.transferTo(buf);
          bytes = buf.toByteArray();
        }
      } catch (java.io.FileNotFoundException e) {
        return Optional.empty();
      }
      Map<String, String> fields = new LinkedHashMap<>();
      for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          fields.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
      return Optional.of(new Holder(fields, Instant.ofEpochMilli(st.getModificationTime())));
    }

    /** Why the holder is gone, or empty when it may still be running. */
    Optional<String> staleBecause(Duration expiry) {
      Duration age = Duration.between(refreshed, Instant.now());
      if (age.compareTo(expiry) > 0) {
        return Optional.of("its lease was last refreshed " + refreshed + ", over " + expiry.toMinutes()
            + " minutes ago");
      }
      if (hostName().equals(fields.get(HOST)) && fields.containsKey(PID)) {
        long pid;
        try {
          pid = Long.parseLong(fields.get(PID));
        } catch (NumberFormatException e) {
          return Optional.empty();
        }
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive()) {
          return Optional.of("process " + pid + " on this host, which took it, no longer runs");
        }
        String start = fields.getOrDefault(PROCESS_START, "");
        Optional<Instant> actual = p.get().info().startInstant();
        if (!start.isEmpty() && actual.isPresent() && !actual.get().toString().equals(start)) {
          return Optional.of("process id " + pid + " now belongs to another process (started " + actual.get()
              + ", not " + start + ")");
        }
      }
      return Optional.empty();
    }
  }
}

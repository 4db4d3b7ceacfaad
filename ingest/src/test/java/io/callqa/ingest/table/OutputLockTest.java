package io.callqa.ingest.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callqa.ingest.CallqaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output lock on the local file system through the Hadoop API: refusal, stale takeover, release, lease. */
class OutputLockTest {
  private static final Configuration CONF = new Configuration();

  @Test
  void aSecondRunIsRefusedWithWhoHoldsTheLockAndHowToClearIt(@TempDir Path out) {
    try (OutputLock first = OutputLock.acquire(CONF, out.toString(), "ingest")) {
      assertThat(out.resolve(OutputLock.FILE)).exists();
      assertThatThrownBy(() -> OutputLock.acquire(CONF, out.toString(), "analyze"))
          .isInstanceOf(CallqaException.class)
          .hasMessageContaining("Another callqa run is writing to '" + out + "'")
          .hasMessageContaining("ingest run " + first.runId())
          .hasMessageContaining("by process " + ProcessHandle.current().pid())
          .hasMessageContaining("on host " + OutputLock.hostName())
          .hasMessageContaining("delete ").hasMessageContaining(out.resolve(OutputLock.FILE).toString());
    }
    assertThat(out.resolve(OutputLock.FILE)).doesNotExist();
    try (OutputLock again = OutputLock.acquire(CONF, out.toString(), "ingest")) {
      assertThat(again.runId()).isNotBlank();
    }
  }

  @Test
  void aLockOfAProcessThatIsGoneOnThisHostIsTakenOver(@TempDir Path out) throws Exception {
    Process dead = new ProcessBuilder("true").start();
    dead.waitFor();
    writeLock(out, OutputLock.hostName(), dead.pid());
    try (OutputLock lock = OutputLock.acquire(CONF, out.toString(), "ingest")) {
      assertThat(Files.readString(out.resolve(OutputLock.FILE))).contains("run=" + lock.runId());
    }
  }

  @Test
  void aLiveLeaseFromAnotherHostIsRespectedAndAnExpiredOneTakenOver(@TempDir Path out) throws Exception {
    Path file = writeLock(out, "some-other-host", 1);
    assertThatThrownBy(() -> OutputLock.acquire(CONF, out.toString(), "ingest"))
        .hasMessageContaining("on host some-other-host").hasMessageContaining("older than 5 minutes");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofMinutes(6))));
    try (OutputLock lock = OutputLock.acquire(CONF, out.toString(), "ingest")) {
      assertThat(Files.readString(file)).contains("run=" + lock.runId());
    }
  }

  @Test
  void theHolderRefreshesItsLease(@TempDir Path out) throws Exception {
    try (OutputLock lock = OutputLock.acquire(CONF, out.toString(), "ingest", Duration.ofMillis(100),
        Duration.ofSeconds(1))) {
      Path file = out.resolve(OutputLock.FILE);
      Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(3600)));
      Thread.sleep(600);
      assertThat(Files.getLastModifiedTime(file).toInstant()).isAfter(Instant.now().minusSeconds(5));
    }
  }

  @Test
  void closingDoesNotDeleteALockTakenOverByAnotherRun(@TempDir Path out) throws Exception {
    OutputLock lock = OutputLock.acquire(CONF, out.toString(), "ingest");
    Path file = writeLock(out, "some-other-host", 1);
    lock.close();
    assertThat(file).exists();
  }

  private static Path writeLock(Path out, String host, long pid) throws Exception {
    Files.createDirectories(out);
    Path file = out.resolve(OutputLock.FILE);
    Files.writeString(file, "run=someone-else\ncommand=ingest\nhost=" + host + "\npid=" + pid
        + "\nprocess_start=\nstarted_at=2026-11-24T23:00:00Z\n");
    return file;
  }
}

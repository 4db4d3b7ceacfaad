package io.callqa.ingest.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing partitions with directory swaps, and rolling an interrupted commit forward. */
class PartitionCommitTest {
  private static final LocalDate D1 = LocalDate.of(2026, 11, 23);
  private static final LocalDate D2 = LocalDate.of(2026, 11, 24);
  private final Configuration conf = new Configuration();

  @Test
  void stagedPartitionsReplaceOldOnesAndEmptyOnesDisappear(@TempDir Path out) throws IOException {
    write(out.resolve("events/call_date=2026-11-23/part-old.parquet"), "old");
    write(out.resolve("events/call_date=2026-11-24/part-old.parquet"), "old");
    write(out.resolve("events/call_date=2026-11-22/part-keep.parquet"), "other night");
    PartitionCommit batch = PartitionCommit.begin(out.toString());
    write(Path.of(batch.stagingPath("events"), "call_date=2026-11-23/part-new.parquet"), "new");

    batch.commit(conf, List.of("events"), List.of(D1, D2));

    assertThat(files(out.resolve("events"))).containsExactlyInAnyOrder(
        "call_date=2026-11-22/part-keep.parquet", "call_date=2026-11-23/part-new.parquet");
    assertThat(out.resolve(PartitionCommit.STAGING)).isEmptyDirectory();
    assertThat(out.resolve(PartitionCommit.COMMITS)).isEmptyDirectory();
  }

  @Test
  void anInterruptedCommitIsRolledForwardByRecover(@TempDir Path out) throws IOException {
    write(out.resolve("calls/call_date=2026-11-23/part-old.parquet"), "old");
    write(out.resolve("words/call_date=2026-11-23/part-old.parquet"), "old");
    PartitionCommit batch = PartitionCommit.begin(out.toString());
    write(Path.of(batch.stagingPath("calls"), "call_date=2026-11-23/part-new.parquet"), "new");
    write(Path.of(batch.stagingPath("words"), "call_date=2026-11-23/part-new.parquet"), "new");
    // simulate a kill after the marker was written and the first table's old partition was moved away
    String batchId = Path.of(batch.stagingPath("calls")).getParent().getFileName().toString();
    write(out.resolve("_commits/" + batchId + ".pending"), "calls\t2026-11-23\ttrue\nwords\t2026-11-23\ttrue\n");
    Files.move(out.resolve("calls/call_date=2026-11-23"),
        out.resolve("calls/_replaced-" + batchId + "-call_date=2026-11-23"));

    PartitionCommit.recover(conf, out.toString());

    assertThat(files(out.resolve("calls"))).containsExactly("call_date=2026-11-23/part-new.parquet");
    assertThat(files(out.resolve("words"))).containsExactly("call_date=2026-11-23/part-new.parquet");
    PartitionCommit.recover(conf, out.toString());
    assertThat(files(out.resolve("calls"))).as("recover is idempotent")
        .containsExactly("call_date=2026-11-23/part-new.parquet");
  }

  @Test
  void stagingOfABatchKilledBeforeCommitIsDiscarded(@TempDir Path out) throws IOException {
    write(out.resolve("calls/call_date=2026-11-23/part-old.parquet"), "old");
    PartitionCommit batch = PartitionCommit.begin(out.toString());
    write(Path.of(batch.stagingPath("calls"), "call_date=2026-11-23/part-new.parquet"), "half written");

    PartitionCommit.recover(conf, out.toString());

    assertThat(files(out.resolve("calls"))).containsExactly("call_date=2026-11-23/part-old.parquet");
    assertThat(out.resolve(PartitionCommit.STAGING)).isEmptyDirectory();
  }

  private static void write(Path p, String content) throws IOException {
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
          .map(p -> dir.relativize(p).toString()).toList();
    }
  }
}

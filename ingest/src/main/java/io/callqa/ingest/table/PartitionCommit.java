package io.callqa.ingest.table;

import io.callqa.ingest.CallqaException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every job publishes its output: a batch writes complete replacement partitions of its tables under
 * {@code <output>/_staging/<batch>/<table>/call_date=D}, then {@link #commit} swaps them in with directory
 * renames. Readers see each partition either wholly old or wholly new.
 *
 * <p>Crash safety: before the first swap a marker {@code <output>/_commits/<batch>.pending} lists every
 * (table, date) pair; {@link #recover} (called at the start of every job) rolls any pending batch forward.
 * Each swap step is idempotent, so a run killed at any point and rerun ends with exactly the batch's rows.
 *
 * <p>A pair marked empty (the batch has no rows of that table for that date) deletes the partition, so results
 * that disappear (an event no longer detected after a rules change) do not linger. Jobs normally stage an empty
 * file for such partitions ({@link #stageEmptyPartitions}) so every table stays readable.
 */
public final class PartitionCommit {
  private static final Logger LOG = LoggerFactory.getLogger(PartitionCommit.class);
  static final String STAGING = "_staging";
  static final String COMMITS = "_commits";
  private static final String PENDING = ".pending";

  /** One partition to replace. {@code hasData} false means: delete it. */
  public record Entry(String table, LocalDate date, boolean hasData) {}

  private final String output;
  private final String batchId;

  private PartitionCommit(String output, String batchId) {
    this.output = output;
    this.batchId = batchId;
  }

  /** A new batch writing under {@code output}. */
  public static PartitionCommit begin(String output) {
    return new PartitionCommit(output, System.currentTimeMillis() + "-" + UUID.randomUUID().toString().substring(0, 8));
  }

  /** Where the batch writes table {@code table} (partitioned by call_date, any mode). */
  public String stagingPath(String table) {
    return Tables.path(Tables.path(Tables.path(output, STAGING), batchId), table);
  }

  /**
   * Writes an empty Parquet file (with the table's schema) into every partition of {@code dates} that the batch
   * staged no rows for, so that a table is always readable by schema-inferring readers (DuckDB, pandas, Spark
   * without a schema), even on a night with no events at all.
   */
  public void stageEmptyPartitions(SparkSession spark, String table, StructType schema, Iterable<LocalDate> dates) {
    StructType dataSchema = new StructType(java.util.Arrays.stream(schema.fields())
        .filter(f -> !f.name().equals(Tables.CALL_DATE)).toArray(StructField[]::new));
    try {
      FileSystem fs = new Path(output).getFileSystem(spark.sparkContext().hadoopConfiguration());
      for (LocalDate d : dates) {
        Path dir = new Path(stagingPath(table), partitionDir(d));
        if (!fs.exists(dir)) {
          spark.createDataFrame(List.<Row>of(), dataSchema).coalesce(1).write().parquet(dir.toString());
        }
      }
    } catch (IOException e) {
      throw CallqaException.output(output, e);
    }
  }

  /** The partition folder name of a date, as Spark writes it. */
  public static String partitionDir(LocalDate date) {
    return Tables.CALL_DATE + "=" + date;
  }

  /**
   * Publishes the staged partitions of {@code tables} for {@code dates}: each (table, date) becomes exactly what
   * the batch staged, or disappears when nothing was staged for it.
   */
  public void commit(Configuration conf, List<String> tables, Iterable<LocalDate> dates) {
    try {
      FileSystem fs = new Path(output).getFileSystem(conf);
      List<Entry> entries = new ArrayList<>();
      for (String t : tables) {
        for (LocalDate d : dates) {
          entries.add(new Entry(t, d, fs.exists(new Path(stagingPath(t), partitionDir(d)))));
        }
      }
      Path marker = new Path(Tables.path(Tables.path(output, COMMITS), batchId + PENDING));
      try (OutputStream out = fs.create(marker, true)) {
        StringBuilder sb = new StringBuilder();
        for (Entry e : entries) {
          sb.append(e.table()).append('\t').append(e.date()).append('\t').append(e.hasData()).append('\n');
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
      }
      apply(fs, output, batchId, entries);
      finish(fs, output, batchId);
    } catch (IOException e) {
      throw CallqaException.output(output, e);
    }
  }

  /** Discards the batch's staged files (the batch failed before committing). */
  public void abort(Configuration conf) {
    try {
      Path staging = new Path(Tables.path(Tables.path(output, STAGING), batchId));
      staging.getFileSystem(conf).delete(staging, true);
    } catch (IOException e) {
      LOG.warn("Could not remove staging folder of batch {}: {}", batchId, e.getMessage());
    }
  }

  /** Rolls forward every batch whose commit was interrupted, and removes staging left by killed batches. */
  public static void recover(Configuration conf, String output) {
    try {
      Path commits = new Path(Tables.path(output, COMMITS));
      FileSystem fs = commits.getFileSystem(conf);
      if (fs.exists(commits)) {
        for (FileStatus st : fs.listStatus(commits)) {
          String name = st.getPath().getName();
          if (!name.endsWith(PENDING)) {
            continue;
          }
          String batch = name.substring(0, name.length() - PENDING.length());
          LOG.info("Completing interrupted commit of batch {}", batch);
          apply(fs, output, batch, readMarker(fs, st.getPath()));
          finish(fs, output, batch);
        }
      }
      Path staging = new Path(Tables.path(output, STAGING));
      if (fs.exists(staging)) {
        for (FileStatus st : fs.listStatus(staging)) {
          LOG.info("Removing staging of an uncommitted batch {}", st.getPath().getName());
          fs.delete(st.getPath(), true);
        }
      }
    } catch (IOException e) {
      throw CallqaException.output(output, e);
    }
  }

  private static List<Entry> readMarker(FileSystem fs, Path marker) throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(marker), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.split("\t");
        if (f.length == 3) {
          entries.add(new Entry(f[0], LocalDate.parse(f[1]), Boolean.parseBoolean(f[2])));
        }
      }
    }
    return entries;
  }

  /** The idempotent swap; safe to repeat after a crash at any step. */
  private static void apply(FileSystem fs, String output, String batch, List<Entry> entries) throws IOException {
    String staging = Tables.path(Tables.path(output, STAGING), batch);
    for (Entry e : entries) {
      Path tableDir = new Path(Tables.path(output, e.table()));
      Path target = new Path(tableDir, partitionDir(e.date()));
      Path old = new Path(tableDir, "_replaced-" + batch + "-" + partitionDir(e.date()));
      Path staged = new Path(Tables.path(staging, e.table()), partitionDir(e.date()));
      fs.mkdirs(tableDir);
      if (e.hasData() && fs.exists(staged)) {
        if (fs.exists(target)) {
          rename(fs, target, old);
        }
        rename(fs, staged, target);
      } else if (!e.hasData() && fs.exists(target)) {
        rename(fs, target, old);
      }
      fs.delete(old, true);
    }
  }

  private static void finish(FileSystem fs, String output, String batch) throws IOException {
    fs.delete(new Path(Tables.path(Tables.path(output, STAGING), batch)), true);
    fs.delete(new Path(Tables.path(Tables.path(output, COMMITS), batch + PENDING)), false);
  }

  private static void rename(FileSystem fs, Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("could not rename " + from + " to " + to);
    }
  }
}

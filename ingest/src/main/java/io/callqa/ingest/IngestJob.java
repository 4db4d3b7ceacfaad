package io.callqa.ingest;

import static org.apache.spark.sql.functions.col;

import io.callqa.audio.FeatureOptions;
import io.callqa.ingest.asr.VoskModels;
import io.callqa.ingest.table.CallsTable;
import io.callqa.ingest.table.LoudnessTable;
import io.callqa.ingest.table.PartitionCommit;
import io.callqa.ingest.table.SoundSegmentsTable;
import io.callqa.ingest.table.SpeechSegmentsTable;
import io.callqa.ingest.table.Tables;
import io.callqa.ingest.table.UtterancesTable;
import io.callqa.ingest.table.WordsTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.DoubleAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.SerializableConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest stage: discover recordings, hash them (call_id), skip the ones already ingested, then decode,
 * extract features and transcribe on the executors (one recording per task), and append the ingest tables
 * ({@code calls}, {@code words}, {@code utterances}, {@code speech_segments}, {@code sound_segments},
 * {@code loudness}) partitioned by {@code call_date}.
 *
 * <p>Every input file ends in {@code calls}, {@code ok} or {@code failed}.
 */
public final class IngestJob {
  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);

  /** The tables this job writes, all committed together. */
  public static final List<String> TABLES = List.of(CallsTable.NAME, WordsTable.NAME, UtterancesTable.NAME,
      SpeechSegmentsTable.NAME, SoundSegmentsTable.NAME, LoudnessTable.NAME);

  private IngestJob() {}

  /** Runs ingest with the given (caller-owned) Spark session; progress lines go to {@code progressOut}. */
  public static IngestResult run(SparkSession spark, IngestConfig config, PrintStream progressOut) {
    VoskModels.validate(config.modelDir());
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    PartitionCommit.recover(conf, config.output());
    Manifest manifest = config.manifest() == null ? Manifest.empty() : Manifest.read(config.manifest(), conf);
    List<RecordingTask> found = Discovery.find(config.input(), manifest, conf);
    LOG.info("Found {} recordings at {}", found.size(), config.input());

    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    SerializableConfiguration sconf = new SerializableConfiguration(conf);
    List<RecordingTask> hashed = jsc.parallelize(found, slices(found.size()))
        .map(t -> hash(t, sconf.value())).collect();
    List<RecordingTask> todo = config.reprocess() ? dedupe(hashed) : dedupe(notYetIngested(spark, config, hashed));
    int skipped = found.size() - todo.size();
    if (skipped > 0) {
      LOG.info("{} recordings already ingested (same content), skipped; pass --reprocess to redo them", skipped);
    }
    if (todo.isEmpty()) {
      return new IngestResult(found.size(), skipped, 0, List.of(), 0);
    }

    LongAccumulator done = spark.sparkContext().longAccumulator("recordings done");
    DoubleAccumulator audio = spark.sparkContext().doubleAccumulator("audio seconds");
    String modelDir = config.modelDir();
    int agentChannel = config.agentChannel();
    AsrOptions asr = config.asr();
    boolean salvage = config.salvageTruncated();
    boolean keepPii = config.keepPii();
    // persisted on disk, not in memory: each table is written from it in turn, and results held on the heap would
    // make the driver's memory (local mode: the only JVM) grow with the number of calls in the batch
    JavaRDD<ProcessedCall> processed = jsc.parallelize(todo, slices(todo.size())).map(t -> {
      ProcessedCall p = process(t, sconf.value(), modelDir, agentChannel, asr, salvage, keepPii);
      done.add(1);
      if (p.call().durationS() != null) {
        audio.add(p.call().durationS());
      }
      return p;
    }).persist(StorageLevel.DISK_ONLY());
    PartitionCommit batch = PartitionCommit.begin(config.output());
    try (Progress progress = new Progress("ingest", todo.size(), done::value, audio::value, progressOut)) {
      Dataset<Row> ids = spark.createDataFrame(processed.map(p -> RowFactory.create(p.call().callId())),
          new StructType().add(Tables.CALL_ID, DataTypes.StringType, false));
      List<LocalDate> dates = touchedDates(spark, config, processed, ids);
      stage(spark, batch, config, CallsTable.NAME, CallsTable.SCHEMA,
          processed.map(p -> CallsTable.row(p.call())), dates, ids);
      stage(spark, batch, config, WordsTable.NAME, WordsTable.SCHEMA,
          processed.flatMap(p -> WordsTable.rows(p).iterator()), dates, ids);
      stage(spark, batch, config, UtterancesTable.NAME, UtterancesTable.SCHEMA,
          processed.flatMap(p -> UtterancesTable.rows(p).iterator()), dates, ids);
      stage(spark, batch, config, SpeechSegmentsTable.NAME, SpeechSegmentsTable.SCHEMA,
          processed.flatMap(p -> SpeechSegmentsTable.rows(p).iterator()), dates, ids);
      stage(spark, batch, config, SoundSegmentsTable.NAME, SoundSegmentsTable.SCHEMA,
          processed.flatMap(p -> SoundSegmentsTable.rows(p).iterator()), dates, ids);
      stage(spark, batch, config, LoudnessTable.NAME, LoudnessTable.SCHEMA,
          processed.flatMap(p -> LoudnessTable.rows(p).iterator()), dates, ids);
      batch.commit(conf, TABLES, dates);
    } catch (RuntimeException e) {
      batch.abort(conf);
      throw e;
    }
    List<IngestResult.Failure> failures = processed.filter(p -> !p.call().ok())
        .map(p -> new IngestResult.Failure(p.call().sourcePath(), p.call().error())).collect();
    processed.unpersist(false);
    return new IngestResult(found.size(), skipped, todo.size() - failures.size(), failures, audio.value());
  }

  /**
   * The partitions a batch rewrites: its calls' dates, plus, when reprocessing, wherever those calls were before
   * (their call_date may have changed, e.g. with a new manifest).
   */
  private static List<LocalDate> touchedDates(SparkSession spark, IngestConfig config,
      JavaRDD<ProcessedCall> processed, Dataset<Row> batchIds) {
    TreeSet<LocalDate> touched = new TreeSet<>(processed.map(p -> p.call().callDate()).distinct().collect());
    String callsPath = Tables.path(config.output(), CallsTable.NAME);
    if (config.reprocess() && exists(spark, callsPath)) {
      for (Row r : spark.read().schema(CallsTable.SCHEMA).parquet(callsPath)
          .join(batchIds, new String[] {Tables.CALL_ID}, "left_semi").select(Tables.CALL_DATE).distinct()
          .collectAsList()) {
        touched.add(r.getDate(0).toLocalDate());
      }
    }
    return List.copyOf(touched);
  }

  private static int slices(int n) {
    return Math.max(1, Math.min(n, 10_000));
  }

  private static RecordingTask hash(RecordingTask t, Configuration conf) {
    if (t.readError() != null) {
      return t; // discovery already knows it cannot be read (e.g. a broken symbolic link)
    }
    try (InputStream in = HadoopInputStream.open(t.path(), conf)) {
      return t.withHash(Hashing.sha256Hex(in), null);
    } catch (IOException | RuntimeException e) {
      return t.withHash(null, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static ProcessedCall process(RecordingTask t, Configuration conf, String modelDir, int agentChannel,
      AsrOptions asr, boolean salvage, boolean keepPii) {
    CallProcessor processor = new CallProcessor(modelDir, agentChannel, FeatureOptions.defaults(), asr, salvage,
        keepPii);
    return processor.process(t, RecordingSource.hadoop(t.path(), conf));
  }

  /** One task per distinct call_id (the same recording under two names is ingested once). */
  private static List<RecordingTask> dedupe(List<RecordingTask> tasks) {
    Set<String> seen = new HashSet<>();
    List<RecordingTask> out = new ArrayList<>();
    for (RecordingTask t : tasks) {
      if (seen.add(t.callId())) {
        out.add(t);
      }
    }
    return out;
  }

  private static List<RecordingTask> notYetIngested(SparkSession spark, IngestConfig config, List<RecordingTask> all) {
    String callsPath = Tables.path(config.output(), CallsTable.NAME);
    if (!exists(spark, callsPath)) {
      return all;
    }
    List<String> ids = all.stream().map(RecordingTask::callId).toList();
    Set<String> existing = new HashSet<>();
    for (Row r : spark.read().schema(CallsTable.SCHEMA).parquet(callsPath)
        .select(Tables.CALL_ID).where(col(Tables.CALL_ID).isin(ids.toArray()))
        .distinct().collectAsList()) {
      existing.add(r.getString(0));
    }
    return all.stream().filter(t -> !existing.contains(t.callId())).toList();
  }

  /**
   * Stages the new content of the touched partitions of one table: the rows already there for other calls,
   * plus this batch's rows (so a reprocessed call replaces its old rows instead of adding to them).
   */
  private static void stage(SparkSession spark, PartitionCommit batch, IngestConfig config, String table,
      StructType schema, JavaRDD<Row> fresh, List<LocalDate> dates, Dataset<Row> batchIds) {
    Dataset<Row> rows = spark.createDataFrame(fresh, schema);
    String path = Tables.path(config.output(), table);
    if (exists(spark, path)) {
      Dataset<Row> kept = spark.read().schema(schema).parquet(path)
          .where(col(Tables.CALL_DATE).isin(dates.stream().map(java.sql.Date::valueOf).toArray()))
          .join(batchIds, new String[] {Tables.CALL_ID}, "left_anti");
      rows = kept.unionByName(rows);
    }
    Tables.forWriting(rows, spark).write().mode(SaveMode.Overwrite).partitionBy(Tables.CALL_DATE)
        .parquet(batch.stagingPath(table));
    batch.stageEmptyPartitions(spark, table, schema, dates);
  }

  private static boolean exists(SparkSession spark, String location) {
    try {
      Path p = new Path(location);
      return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p);
    } catch (IOException e) {
      throw CallqaException.output(location, e);
    }
  }
}

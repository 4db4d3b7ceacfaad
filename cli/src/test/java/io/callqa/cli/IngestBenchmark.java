package io.callqa.cli;

import io.callqa.audio.FeatureOptions;
import io.callqa.ingest.AsrOptions;
import io.callqa.ingest.CallProcessor;
import io.callqa.ingest.IngestConfig;
import io.callqa.ingest.IngestJob;
import io.callqa.ingest.IngestResult;
import io.callqa.ingest.ManifestEntry;
import io.callqa.ingest.ProcessedCall;
import io.callqa.ingest.RecordingTask;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest throughput on a generated batch of at least one hour of stereo 8 kHz calls: callqa's ingest (Spark
 * local[2], gated ASR, channels in parallel) against a naive baseline in the same JVM (each whole channel
 * through one recogniser, one call after the other on one thread). Prints figures; asserts nothing about speed.
 *
 * <p>Run: {@code mvn test -pl cli -am -DexcludedGroups= -Dgroups=benchmark -Dtest=IngestBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}. Takes about 20 minutes on 2 cores.
 */
@Tag("benchmark")
class IngestBenchmark {
  private static final List<String> SOURCES = List.of("call01_good.wav", "call02_dead_air.wav", "call03_hold.wav",
      "call05_raised_voice.wav");
  private static final double TARGET_AUDIO_S = 3600;

  @Test
  void ingestVersusNaiveBaseline(@TempDir Path tmp) throws Exception {
    Path root = SampleNightEndToEndTest.repoRoot();
    Path batch = tmp.resolve("batch");
    double audioS = generateBatch(root, batch);
    PrintStream out = System.out;
    out.printf(Locale.ROOT, "batch: %d stereo 8 kHz mu-law calls, %.0f s of audio (%.1f h)%n",
        count(batch), audioS, audioS / 3600);

    // callqa ingest
    RssSampler rss = RssSampler.start();
    long cpu0 = processCpuNanos();
    long t0 = System.nanoTime();
    IngestResult r;
    double asrCpu;
    double asrIn;
    try (SparkSession spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false")
        .getOrCreate()) {
      spark.sparkContext().setLogLevel("WARN");
      Path output = tmp.resolve("out");
      r = IngestJob.run(spark, new IngestConfig(batch.toString(), output.toString(), null, null, 0, false,
          AsrOptions.defaults(), false, false), new PrintStream(PrintStream.nullOutputStream()));
      Row asr = spark.sql("SELECT sum(asr_cpu_s), sum(asr_input_s) FROM parquet.`" + output.resolve("calls") + "`")
          .collectAsList().get(0);
      asrCpu = asr.getDouble(0);
      asrIn = asr.getDouble(1);
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    double cpu = (processCpuNanos() - cpu0) / 1e9;
    long peak = rss.stop();
    report(out, "callqa ingest (local[2], gated, parallel channels)", r.audioSeconds(), wall, cpu, peak);
    out.printf(Locale.ROOT, "  ASR: fed %.0f s of %.0f channel-s (%.0f%%), real-time factor %.3f (CPU s per fed s),"
        + " %.3f per channel-s of recording%n", asrIn, 2 * r.audioSeconds(), 100 * asrIn / (2 * r.audioSeconds()),
        asrCpu / asrIn, asrCpu / (2 * r.audioSeconds()));

    // naive baseline
    rss = RssSampler.start();
    cpu0 = processCpuNanos();
    t0 = System.nanoTime();
    CallProcessor naive = new CallProcessor(null, 0, FeatureOptions.defaults(), AsrOptions.ungated(), false, false);
    double naiveAudio = 0;
    try (Stream<Path> files = Files.list(batch)) {
      for (Path f : files.sorted().toList()) {
        RecordingTask t = new RecordingTask(f.toUri().toString(), Files.size(f), 0, ManifestEntry.NONE,
            "0".repeat(64), null);
        ProcessedCall p = naive.process(t, () -> Files.newInputStream(f));
        naiveAudio += p.call().durationS();
      }
    }
    double nWall = (System.nanoTime() - t0) / 1e9;
    double nCpu = (processCpuNanos() - cpu0) / 1e9;
    long nPeak = rss.stop();
    report(out, "naive baseline (whole channels, one recogniser, one thread)", naiveAudio, nWall, nCpu, nPeak);
    out.printf(Locale.ROOT, "speed-up in audio seconds per wall second: %.2fx (target >= 1.8x on 2 cores)%n",
        (r.audioSeconds() / wall) / (naiveAudio / nWall));
  }

  private static void report(PrintStream out, String what, double audioS, double wall, double cpu, long peakRss) {
    out.printf(Locale.ROOT, "%s:%n  %.0f s audio in %.1f s wall, %.1f s CPU -> %.1f audio-s per wall-s,"
        + " %.2f audio-s per CPU-s; peak RSS %.0f MiB%n", what, audioS, wall, cpu, audioS / wall, audioS / cpu,
        peakRss / 1048576.0);
  }

  /** Copies of the stereo 8 kHz samples, each with a few sample bytes changed (inaudibly) so call_ids differ. */
  private static double generateBatch(Path root, Path batch) throws Exception {
    Files.createDirectories(batch);
    Random rnd = new Random(42);
    double total = 0;
    int copy = 0;
    while (total < TARGET_AUDIO_S) {
      for (String name : SOURCES) {
        byte[] bytes = Files.readAllBytes(root.resolve("examples/calls").resolve(name));
        for (int i = 0; i < 16; i++) {
          int pos = 4096 + rnd.nextInt(bytes.length - 4096);
          bytes[pos] ^= 1;
        }
        Files.write(batch.resolve(String.format(Locale.ROOT, "batch%03d_%s", copy, name)), bytes);
        total += (bytes.length - 44) / 16000.0; // 8 kHz x 2 channels x 1 byte
      }
      copy++;
    }
    return total;
  }

  private static long count(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Samples this process's resident set size (VmRSS) every 100 ms and keeps the maximum. */
  private static final class RssSampler {
    private final AtomicLong max = new AtomicLong();
    private volatile boolean running = true;
    private final Thread thread = new Thread(this::loop, "rss-sampler");

    static RssSampler start() {
      RssSampler s = new RssSampler();
      s.thread.setDaemon(true);
      s.thread.start();
      return s;
    }

    private void loop() {
      while (running) {
        max.accumulateAndGet(rss(), Math::max);
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    long stop() throws InterruptedException {
      running = false;
      thread.join();
      return Math.max(max.get(), rss());
    }

    private static long rss() {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
          if (line.startsWith("VmRSS:")) {
            return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
          }
        }
      } catch (Exception e) {
        return 0;
      }
      return 0;
    }
  }
}

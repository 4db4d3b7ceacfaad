package io.callqa.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feature-extraction throughput on one hour of generated stereo 8 kHz mu-law calls (30 calls of 2
 * minutes: speech-like bursts on each side, pauses, a hold tone, background noise; see
 * {@link SyntheticCallWav}), side by side with {@code ffmpeg -af silencedetect} on the same files.
 *
 * <p>Not a timed test: it prints figures and only checks that the work was done. Excluded from the
 * default run; run it with {@code mvn -pl audio-features test -DexcludedGroups= -Dgroups=benchmark}.
 *
 * <p>Our figure is decode + all features on the calling thread only (one core), measured with
 * ThreadMXBean CPU time after one warm-up call; ffmpeg's is the user + system CPU of each ffmpeg
 * process from {@code /usr/bin/time}, which includes its start-up (about 30-60 ms per file).
 */
@Tag("benchmark")
class FeatureBenchmarkTest {

  private static final int CALLS = 30;
  private static final double CALL_S = 120;

  @TempDir
  Path tmp;

  @Test
  void throughputVersusFfmpegSilencedetect() throws Exception {
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < CALLS; i++) {
      Path f = tmp.resolve(String.format("call%02d.wav", i));
      try (InputStream in = new SyntheticCallWav(CALL_S, 1000 + i)) {
        Files.copy(in, f);
      }
      files.add(f);
    }
    double audioS = CALLS * CALL_S;

    try (AudioStream warm = AudioDecoder.open(files.get(0))) {
      AudioFeatures.extract(warm, FeatureOptions.defaults());
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    ManagementFactory.getMemoryPoolMXBeans().forEach(p -> p.resetPeakUsage());
    AtomicLong peakUsed = new AtomicLong();
    Thread sampler = new Thread(() -> {
      Runtime rt = Runtime.getRuntime();
      while (!Thread.currentThread().isInterrupted()) {
        peakUsed.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    sampler.setDaemon(true);
    System.gc();
    long baseUsed = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    sampler.start();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long wall0 = System.nanoTime();
    int speech = 0;
    int tones = 0;
    for (Path f : files) {
      try (AudioStream s = AudioDecoder.open(f)) {
        for (ChannelFeatures c : AudioFeatures.extract(s, FeatureOptions.defaults())) {
          speech += c.speech().size();
          tones += c.tones().size();
        }
      }
    }
    double cpuS = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
    double wallS = (System.nanoTime() - wall0) / 1e9;
    sampler.interrupt();
    sampler.join();
    long poolPeak = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();

    System.out.printf("%nFeatureBenchmarkTest: %d stereo 8 kHz mu-law calls, %.0f s of audio (%.0f channel-seconds)%n",
        CALLS, audioS, 2 * audioS);
    System.out.printf("  callqa decode+features, 1 thread: CPU %.2f s, wall %.2f s -> %.0fx real time per CPU"
        + " second (%.0fx in channel-seconds)%n", cpuS, wallS, audioS / cpuS, 2 * audioS / cpuS);
    System.out.printf("  found %d speech segments, %d tones (expected %d and %d)%n", speech, tones,
        CALLS * 8, CALLS * 2);
    System.out.printf("  heap: live before %.1f MB, sampled peak used %.1f MB (includes uncollected garbage),"
        + " heap pools' peak sum %.1f MB, -Xmx %.0f MB%n", baseUsed / 1e6, peakUsed.get() / 1e6, poolPeak / 1e6,
        Runtime.getRuntime().maxMemory() / 1e6);

    Assumptions.assumeTrue(ExternalTool.available("ffmpeg") && Files.isExecutable(Path.of("/usr/bin/time")),
        "ffmpeg or /usr/bin/time missing: no comparison");
    double ffUser = 0;
    double ffSys = 0;
    long ffWall0 = System.nanoTime();
    for (Path f : files) {
      Path log = tmp.resolve("time.log");
      Process p = new ProcessBuilder("/usr/bin/time", "-o", log.toString(), "-f", "%U %S", "ffmpeg", "-nostdin",
          "-v", "error", "-i", f.toString(), "-af", "silencedetect=n=-40dB:d=0.5", "-f", "null", "-")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();
      String[] t = Files.readString(log).trim().split("\\s+");
      ffUser += Double.parseDouble(t[t.length - 2]);
      ffSys += Double.parseDouble(t[t.length - 1]);
    }
    double ffWall = (System.nanoTime() - ffWall0) / 1e9;
    double ffCpu = ffUser + ffSys;
    System.out.printf("  ffmpeg silencedetect (decode + silence only): CPU %.2f s (user %.2f, sys %.2f), wall"
        + " %.2f s -> %.0fx real time per CPU second%n", ffCpu, ffUser, ffSys, ffWall, audioS / ffCpu);
    System.out.printf("  callqa / ffmpeg CPU: %.2f (below 1 = faster than ffmpeg)%n%n", cpuS / ffCpu);
    assertThat(speech).isEqualTo(CALLS * 8);
    assertThat(tones).isEqualTo(CALLS * 2);
  }
}

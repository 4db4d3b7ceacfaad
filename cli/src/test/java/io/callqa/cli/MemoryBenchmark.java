package io.callqa.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peak memory of a real {@code callqa ingest} (Spark local[2], real Vosk) in a child JVM started like the launcher
 * starts it (-Xmx4g), for 10 and for 100 generated calls and for one 3-hour call: the peak resident set size
 * (VmHWM of /proc/&lt;pid&gt;/status, polled every 100 ms) should not grow with the number or the length of the
 * recordings. Prints figures; asserts nothing about memory.
 *
 * <p>Run: {@code mvn test -pl cli -am -DexcludedGroups= -Dgroups=benchmark -Dtest=MemoryBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}. Takes about 10 minutes on 2 quiet cores. {@code -Dcallqa.bench.xmx=1g}
 * sets the child's heap limit (default 4g, the launcher's): with a smaller heap the JVM collects sooner, which
 * shows whether a growing RSS is retained data or only a heap allowed to grow.
 */
@Tag("benchmark")
class MemoryBenchmark {
  private static final String XMX = System.getProperty("callqa.bench.xmx", "4g");
  private static final List<String> SOURCES = List.of("call02_dead_air.wav", "call06_mono.wav");

  @Test
  void peakRssDoesNotGrowWithTheBatch(@TempDir Path tmp) throws Exception {
    Path root = SampleNightEndToEndTest.repoRoot();
    PrintStream out = System.out;
    List<String> lines = new ArrayList<>();
    for (int calls : new int[] {10, 100}) {
      Path in = tmp.resolve("calls" + calls);
      double audioS = generateCalls(root, in, calls);
      lines.add(measure(tmp, in, String.format(Locale.ROOT, "%d calls, %.0f s of audio", calls, audioS)));
    }
    Path longIn = tmp.resolve("long");
    Files.createDirectories(longIn);
    byte[] speech = TestWavs.dataChunk(root.resolve("examples/calls/call06_mono.wav"));
    TestWavs.longMulaw(longIn.resolve("three_hours.wav"), 3 * 3600, speech, 60, 1800, 3600, 5400, 7200, 9000, 10_700);
    lines.add(measure(tmp, longIn, "one 3-hour mono call (10800 s; 7 speech bursts of 35 s)"));
    out.println("MemoryBenchmark: peak RSS of `callqa ingest` (child JVM, -Xmx" + XMX + ", local[2]):");
    lines.forEach(l -> out.println("  " + l));
  }

  private static String measure(Path tmp, Path in, String what) throws Exception {
    Path output = tmp.resolve("out-" + in.getFileName());
    Path log = tmp.resolve(in.getFileName() + ".log");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + XMX);
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("-D") || arg.startsWith("-XX:+IgnoreUnrecognizedVMOptions")) {
        cmd.add(arg);
      }
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path") + File.pathSeparator, Main.class.getName(),
        "ingest", "--input", in.toString(), "--output", output.toString(), "--master", "local[2]"));
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Path status = Path.of("/proc", Long.toString(p.pid()), "status");
    long peakKb = 0;
    while (p.isAlive()) {
      peakKb = Math.max(peakKb, hwmKb(status));
      Thread.sleep(100);
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    String tail = String.join(" | ", Files.readAllLines(log).stream().filter(l -> l.startsWith("ingest:")).toList());
    return String.format(Locale.ROOT, "%-55s peak RSS %5.0f MiB, exit %d, %.0f s wall  [%s]", what,
        peakKb / 1024.0, p.exitValue(), wall, tail);
  }

  private static long hwmKb(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0; // the process just ended
    }
    return 0;
  }

  /** {@code n} calls: copies of sample calls with a few sample bytes changed (inaudibly) so call_ids differ. */
  private static double generateCalls(Path root, Path dir, int n) throws IOException {
    Files.createDirectories(dir);
    Random rnd = new Random(n);
    double total = 0;
    for (int i = 0; i < n; i++) {
      String name = SOURCES.get(i % SOURCES.size());
      byte[] bytes = Files.readAllBytes(root.resolve("examples/calls").resolve(name));
      for (int k = 0; k < 16; k++) {
        int pos = 4096 + rnd.nextInt(bytes.length - 4096);
        bytes[pos] ^= 1;
      }
      Files.write(dir.resolve(String.format(Locale.ROOT, "gen%03d_%s", i, name)), bytes);
      int channels = name.contains("mono") ? 1 : 2;
      total += (bytes.length - 58) / (8000.0 * channels); // 8 kHz mu-law, 1 byte per sample
    }
    return total;
  }
}

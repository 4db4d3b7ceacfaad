package io.callqa.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * The sample night, run once per test JVM and shared by the test classes that need it (ingest with real Vosk is
 * the slow part): {@code callqa run} on the bundled sample calls plus two files that fail, a non-audio file
 * ({@code notes.wav}) and a cut-off recording ({@code cut_off.wav}). Those two are not in the manifest, so their
 * {@code call_date} is the day the test runs (their modification time).
 *
 * <p>Treat {@link #get()} as read-only; a test that changes the tables works on {@link #copyTo(Path)}.
 */
final class SampleNight {
  /** The manifest's night. */
  static final String DATE = "2026-11-23";

  /**
   * @param input the recordings folder
   * @param out the output root with the tables
   * @param exitCode what {@code callqa run} returned
   */
  record Night(Path input, Path out, int exitCode) {}

  private static Night night;

  private SampleNight() {}

  static synchronized Night get() {
    if (night == null) {
      night = run();
    }
    return night;
  }

  /** A private copy of the night (recordings and tables) under {@code dir}. */
  static Night copyTo(Path dir) {
    Night n = get();
    copyTree(n.input(), dir.resolve("calls"));
    copyTree(n.out(), dir.resolve("out"));
    return new Night(dir.resolve("calls"), dir.resolve("out"), n.exitCode());
  }

  private static Night run() {
    Path root = SampleNightEndToEndTest.repoRoot();
    try {
      Path dir = Files.createTempDirectory("sample-night");
      Path input = dir.resolve("calls");
      copyTree(root.resolve("examples/calls"), input);
      Files.writeString(input.resolve("notes.wav"), "meeting notes, not a recording\n");
      // a recording copied before the recorder finished: its header announces more audio than the file holds
      byte[] whole = Files.readAllBytes(input.resolve("call06_mono.wav"));
      Files.write(input.resolve("cut_off.wav"), java.util.Arrays.copyOf(whole, whole.length * 3 / 5));
      Path out = dir.resolve("out");
      int code = Main.execute("run", "--input", input.toString(), "--output", out.toString(), "--manifest",
          root.resolve("examples/manifest.csv").toString(), "--rules", root.resolve("examples/rules.yaml").toString(),
          "--master", "local[2]");
      return new Night(input, out, code);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copyTree(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

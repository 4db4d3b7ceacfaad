package io.callqa.cli;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Renders a local HTML file in headless Chromium (Debian package {@code chromium}) and takes a screenshot. The
 * browser runs with networking shut off (every host name fails to resolve) and logs the page's console to
 * stderr; every console line is returned. Tests fail, not skip, when Chromium is missing.
 */
final class HeadlessChromium {
  private static final long TIMEOUT_S = 180;

  /**
   * What the page did.
   *
   * @param console the page's console messages (errors, warnings and logs alike, with their source)
   */
  record Rendered(Path screenshot, List<String> console, String stderr) {}

  private HeadlessChromium() {}

  /** The Chromium binary: {@code $CALLQA_CHROMIUM}, else chromium / chromium-browser / google-chrome on the PATH. */
  static Path executable() {
    String env = System.getenv("CALLQA_CHROMIUM");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return p;
        }
      }
    }
    return fail("Headless Chromium is needed to render the HTML report: install it with"
        + " `apt-get install -y chromium` (Debian/Ubuntu), or set CALLQA_CHROMIUM to a Chrome or Chromium binary.");
  }

  /** Opens {@code html} in a {@code width} x {@code height} window and writes a PNG screenshot to {@code png}. */
  static Rendered screenshot(Path html, Path png, int width, int height) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("chromium-profile");
    Path stderr = Files.createTempFile("chromium", ".log");
    try {
      List<String> cmd = new ArrayList<>(List.of(executable().toString(), "--headless", "--no-sandbox",
          "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
          "--disable-component-update", "--disable-sync", "--disable-extensions", "--hide-scrollbars",
          "--host-resolver-rules=MAP * ~NOTFOUND", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
          "--window-size=" + width + "," + height, "--screenshot=" + png.toAbsolutePath(),
          html.toAbsolutePath().toUri().toString()));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(stderr.toFile()).start();
      if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("Chromium did not finish within " + TIMEOUT_S + " s: " + Files.readString(stderr));
      }
      String log = Files.readString(stderr, StandardCharsets.UTF_8);
      if (p.exitValue() != 0 || !Files.exists(png)) {
        fail("Chromium failed (exit " + p.exitValue() + "): " + log);
      }
      List<String> console = log.lines().filter(l -> l.contains(":CONSOLE")).toList();
      return new Rendered(png, console, log);
    } finally {
      deleteTree(profile);
      Files.deleteIfExists(stderr);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }
}

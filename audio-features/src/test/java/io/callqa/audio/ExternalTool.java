package io.callqa.audio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs command-line tools (sox, ffmpeg) from tests; availability checks feed JUnit assumptions. */
final class ExternalTool {

  private ExternalTool() {}

  static boolean available(String tool) {
    try {
      Process p = new ProcessBuilder(tool, tool.equals("sox") ? "--version" : "-version")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Runs the command and fails the test with its output when it does not exit with 0. */
  static void run(Path workDir, List<String> command) throws IOException, InterruptedException {
    Path log = Files.createTempFile(workDir, "tool-", ".log");
    Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + command);
    }
    if (p.exitValue() != 0) {
      throw new AssertionError("failed (" + p.exitValue() + "): " + command + "\n" + Files.readString(log));
    }
  }
}

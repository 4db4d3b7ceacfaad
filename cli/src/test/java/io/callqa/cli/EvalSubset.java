package io.callqa.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs {@code callqa run} on a few calls of the labelled evaluation set (eval/), copied into a temp folder. */
final class EvalSubset {
  private EvalSubset() {}

  /**
   * Copies {@code calls} (names without .wav) into {@code tmp}/calls and runs the whole pipeline on them with the
   * eval manifest and the example rules into {@code tmp}/out; returns the exit code.
   */
  static int run(Path tmp, List<String> calls) throws IOException {
    Path root = SampleNightEndToEndTest.repoRoot();
    Path in = Files.createDirectories(tmp.resolve("calls"));
    for (String c : calls) {
      Files.copy(root.resolve("eval/calls/" + c + ".wav"), in.resolve(c + ".wav"));
    }
    return Main.execute("run", "--input", in.toString(), "--output", tmp.resolve("out").toString(), "--manifest",
        root.resolve("eval/manifest.csv").toString(), "--rules", root.resolve("examples/rules.yaml").toString(),
        "--master", "local[2]");
  }
}

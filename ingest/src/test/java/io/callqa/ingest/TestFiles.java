package io.callqa.ingest;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's examples are, for tests. */
final class TestFiles {
  private TestFiles() {}

  static Path repoRoot() {
    String prop = System.getProperty("callqa.repo.root");
    if (prop != null && Files.exists(Path.of(prop, "examples/labels.json"))) {
      return Path.of(prop);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p.resolve("examples/labels.json"))) {
        return p;
      }
    }
    throw new IllegalStateException("cannot find the repository root (examples/labels.json)");
  }
}

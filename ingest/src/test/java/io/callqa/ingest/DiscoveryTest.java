package io.callqa.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery on hostile local trees: link loops, folders named like recordings, broken links, hidden files. */
class DiscoveryTest {

  @Test
  void eachFileOnceFoldersSearchedBrokenLinksReported(@TempDir Path in) throws Exception {
    Files.writeString(in.resolve("a.wav"), "a");
    Files.createDirectories(in.resolve("x.wav/sub"));
    Files.writeString(in.resolve("x.wav/sub/b.wav"), "b");
    Files.createSymbolicLink(in.resolve("x.wav/sub/up"), Path.of("../.."));   // loops back to the input
    Files.createSymbolicLink(in.resolve("self"), Path.of("."));
    Files.createSymbolicLink(in.resolve("l1.wav"), Path.of("l2.wav"));
    Files.createSymbolicLink(in.resolve("l2.wav"), Path.of("l1.wav"));
    Files.createSymbolicLink(in.resolve("gone.wav"), Path.of("nowhere.wav"));
    Files.writeString(in.resolve(".hidden.wav"), "h");
    Files.createDirectories(in.resolve("_staging"));
    Files.writeString(in.resolve("_staging/c.wav"), "c");

    List<RecordingTask> found = Discovery.find(in.toString(), Manifest.empty(), new Configuration());

    Map<String, String> byPath = found.stream().collect(Collectors.toMap(
        t -> in.relativize(Path.of(new org.apache.hadoop.fs.Path(t.path()).toUri().getPath())).toString(),
        t -> String.valueOf(t.readError())));
    assertThat(byPath.keySet()).containsExactlyInAnyOrder("a.wav", "x.wav/sub/b.wav", "l1.wav", "l2.wav",
        "gone.wav");
    assertThat(byPath.get("a.wav")).isEqualTo("null");
    assertThat(byPath.get("x.wav/sub/b.wav")).isEqualTo("null");
    assertThat(byPath.get("l1.wav")).contains("symbolic link to l2.wav").contains("loop");
    assertThat(byPath.get("gone.wav")).contains("symbolic link to nowhere.wav, which does not exist");
  }
}

package io.callqa.audio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ground truth of the bundled sample calls, read from examples/labels.json with regular expressions
 * (this module has no JSON library; the file is machine-written by examples/generate_samples.py).
 */
record SampleLabels(List<Call> calls) {

  record Turn(String speaker, double startS, double endS) {}

  record Call(String file, String format, int channels, List<Turn> turns) {

    /** Turns of one channel: channel 0 = agent, 1 = customer; all turns for a mono call. */
    List<Turn> turnsOf(int channel) {
      if (channels == 1) {
        return turns;
      }
      String speaker = channel == 0 ? "agent" : "customer";
      return turns.stream().filter(t -> t.speaker().equals(speaker)).toList();
    }
  }

  private static final Pattern CALL = Pattern.compile(
      "\"file\":\\s*\"([^\"]+)\".*?\"format\":\\s*\"([^\"]+)\",\\s*\"channels\":\\s*(\\d+)(.*?)(?=\"file\":|\\z)",
      Pattern.DOTALL);
  private static final Pattern TURN = Pattern.compile(
      "\"speaker\":\\s*\"(\\w+)\",\\s*\"start_s\":\\s*([\\d.]+),\\s*\"end_s\":\\s*([\\d.]+)");

  static SampleLabels load(Path repoRoot) throws IOException {
    String json = Files.readString(repoRoot.resolve("examples/labels.json"));
    List<Call> calls = new ArrayList<>();
    Matcher c = CALL.matcher(json);
    while (c.find()) {
      List<Turn> turns = new ArrayList<>();
      Matcher t = TURN.matcher(c.group(4));
      while (t.find()) {
        turns.add(new Turn(t.group(1), Double.parseDouble(t.group(2)), Double.parseDouble(t.group(3))));
      }
      calls.add(new Call(c.group(1), c.group(2), Integer.parseInt(c.group(3)), turns));
    }
    return new SampleLabels(calls);
  }

  Call call(String file) {
    return calls.stream().filter(c -> c.file().equals(file)).findFirst()
        .orElseThrow(() -> new AssertionError("no labels for " + file));
  }

  /** The repository root: system property callqa.repo.root, else the first parent of user.dir with examples/labels.json. */
  static Path repoRoot() {
    String prop = System.getProperty("callqa.repo.root");
    if (prop != null && Files.exists(Path.of(prop, "examples/labels.json"))) {
      return Path.of(prop);
    }
    for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p.resolve("examples/labels.json"))) {
        return p;
      }
    }
    throw new AssertionError("cannot find the repository root (examples/labels.json) from "
        + System.getProperty("user.dir") + "; set -Dcallqa.repo.root");
  }
}

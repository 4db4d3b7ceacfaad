package io.callqa.analytics.detect;

import io.callqa.analytics.rules.Rules;
import io.callqa.analytics.rules.RulesLoader;
import io.callqa.ingest.LoudnessPoint;
import io.callqa.ingest.SoundSegment;
import io.callqa.ingest.Speaker;
import io.callqa.ingest.SpeechSegment;
import io.callqa.ingest.Word;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Builds synthetic calls (what ingest would have written) for detector tests. */
final class Calls {
  private final int channels;
  private final double duration;
  private final List<Word> words = new ArrayList<>();
  private final List<SpeechSegment> speech = new ArrayList<>();
  private final List<SoundSegment> sounds = new ArrayList<>();
  private final List<LoudnessPoint> loudness = new ArrayList<>();
  private String queue = "billing";

  Calls(int channels, double duration) {
    this.channels = channels;
    this.duration = duration;
  }

  static Calls mono(double duration) {
    return new Calls(1, duration);
  }

  static Calls stereo(double duration) {
    return new Calls(2, duration);
  }

  /** Speech of {@code s} from start to end at {@code dbfs}, with the given words spread evenly over it. */
  Calls says(Speaker s, double start, double end, double dbfs, String text) {
    speech.add(new SpeechSegment(s, start, end, dbfs, dbfs + 10));
    String[] w = text.isBlank() ? new String[0] : text.split(" ");
    double step = (end - start) / Math.max(1, w.length);
    for (int i = 0; i < w.length; i++) {
      words.add(new Word(s, start + i * step, start + (i + 0.8) * step, w[i], 0.9, false));
    }
    for (double t = Math.floor(start * 4) / 4; t + 1 <= end; t += 0.25) {
      loudness.add(new LoudnessPoint(s, t, dbfs));
    }
    return this;
  }

  Calls tone(Speaker s, double start, double end) {
    sounds.add(new SoundSegment(s, SoundSegment.TONE, start, end, -20));
    return this;
  }

  Calls clipping(Speaker s, double start, double end) {
    sounds.add(new SoundSegment(s, SoundSegment.CLIPPING, start, end, 0));
    return this;
  }

  Calls queue(String q) {
    this.queue = q;
    return this;
  }

  CallInput build() {
    words.sort((a, b) -> Double.compare(a.startS(), b.startS()));
    speech.sort((a, b) -> Double.compare(a.startS(), b.startS()));
    loudness.sort((a, b) -> Double.compare(a.startS(), b.startS()));
    return new CallInput("c1", LocalDate.of(2026, 11, 23), "file:/calls/c1.wav", duration, channels,
        channels == 2 ? 0 : null, "A1", queue,
        "inbound", List.copyOf(words), List.copyOf(speech), List.copyOf(sounds), List.copyOf(loudness));
  }

  static Rules defaultRules() {
    try {
      return RulesLoader.load(repoRoot().resolve("examples/rules.yaml"));
    } catch (RuntimeException e) {
      throw e;
    }
  }

  static Path repoRoot() {
    String prop = System.getProperty("callqa.repo.root");
    if (prop != null && Files.exists(Path.of(prop, "examples/rules.yaml"))) {
      return Path.of(prop);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p.resolve("examples/rules.yaml"))) {
        return p;
      }
    }
    throw new IllegalStateException("no examples/rules.yaml above " + Path.of("").toAbsolutePath());
  }

  static String read(Path p) throws IOException {
    return Files.readString(p);
  }
}

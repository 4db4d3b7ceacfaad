package io.callqa.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callqa.audio.AudioDecoder;
import io.callqa.audio.AudioFeatures;
import io.callqa.audio.AudioStream;
import io.callqa.audio.ChannelFeatures;
import io.callqa.audio.FeatureOptions;
import io.callqa.audio.Segment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Word error rate with and without noise suppression ({@link AsrOptions#denoise}) on the sample calls and the
 * labelled evaluation set, per channel, with the channel's speech-to-noise ratio as measured by the features
 * (duration-weighted speech segment level minus the noise profile's level); totals per SNR band.
 *
 * <p>Run: {@code mvn test -pl ingest -am -DexcludedGroups= -Dgroups=benchmark -Dtest=DenoiseWerBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}
 */
@Tag("benchmark")
class DenoiseWerBenchmark {

  @Test
  void werWithAndWithoutNoiseSuppression() throws Exception {
    Path root = TestFiles.repoRoot();
    Map<String, long[]> bands = new TreeMap<>(); // band -> {errors on, errors off, reference words}
    System.out.printf(Locale.ROOT, "%-42s %-9s %6s %5s %8s %8s%n", "call", "speaker", "SNR dB", "words", "WER on",
        "WER off");
    for (String set : List.of("examples", "eval")) {
      JsonNode calls = new ObjectMapper().readTree(root.resolve(set + "/labels.json").toFile()).path("calls");
      for (JsonNode call : calls) {
        Path file = root.resolve(set + "/calls").resolve(call.path("file").asText());
        int agentChannel = call.path("agent_channel").asInt(0);
        ProcessedCall on = process(file, AsrOptions.defaults(), agentChannel);
        ProcessedCall off = process(file, AsrOptions.defaults().withDenoise(false), agentChannel);
        List<ChannelFeatures> features;
        try (AudioStream s = AudioDecoder.open(file)) {
          features = AudioFeatures.extract(s, FeatureOptions.defaults());
        }
        int channels = features.size();
        for (int ch = 0; ch < channels; ch++) {
          Speaker s = Speaker.ofChannel(ch, channels, agentChannel);
          List<String> ref = GatedAsrWerTest.reference(call, s);
          if (ref.isEmpty()) {
            continue;
          }
          double snr = speechDbfs(features.get(ch)) - features.get(ch).noise().levelDbfs();
          long eOn = GatedAsrWerTest.errors(ref, GatedAsrWerTest.hypothesis(on, s));
          long eOff = GatedAsrWerTest.errors(ref, GatedAsrWerTest.hypothesis(off, s));
          String band = snr < 20 ? "a) SNR < 20 dB" : snr < 30 ? "b) SNR 20-30 dB" : "c) SNR >= 30 dB";
          for (String b : List.of(band, "d) all")) {
            long[] t = bands.computeIfAbsent(b, k -> new long[3]);
            t[0] += eOn;
            t[1] += eOff;
            t[2] += ref.size();
          }
          System.out.printf(Locale.ROOT, "%-42s %-9s %6.1f %5d %7.1f%% %7.1f%%%n", call.path("file").asText(),
              s.column(), snr, ref.size(), 100.0 * eOn / ref.size(), 100.0 * eOff / ref.size());
        }
      }
    }
    System.out.printf(Locale.ROOT, "%n%-16s %6s %8s %8s%n", "band", "words", "WER on", "WER off");
    for (Map.Entry<String, long[]> e : bands.entrySet()) {
      long[] t = e.getValue();
      System.out.printf(Locale.ROOT, "%-16s %6d %7.1f%% %7.1f%%%n", e.getKey(), t[2], 100.0 * t[0] / t[2],
          100.0 * t[1] / t[2]);
    }
  }

  /** Duration-weighted mean level of the channel's speech segments, dBFS. */
  private static double speechDbfs(ChannelFeatures f) {
    double sum = 0;
    double d = 0;
    for (Segment s : f.speech()) {
      sum += s.meanDbfs() * s.durationS();
      d += s.durationS();
    }
    return d == 0 ? -100 : sum / d;
  }

  private static ProcessedCall process(Path file, AsrOptions asr, int agentChannel) throws Exception {
    CallProcessor p = new CallProcessor(null, agentChannel, FeatureOptions.defaults(), asr, false, true);
    RecordingTask t = new RecordingTask(file.toUri().toString(), Files.size(file), 0, ManifestEntry.NONE,
        "0".repeat(64), null);
    return p.process(t, () -> Files.newInputStream(file));
  }
}

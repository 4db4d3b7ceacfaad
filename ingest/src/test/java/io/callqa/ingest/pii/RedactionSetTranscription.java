package io.callqa.ingest.pii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callqa.audio.FeatureOptions;
import io.callqa.ingest.AsrOptions;
import io.callqa.ingest.CallProcessor;
import io.callqa.ingest.ManifestEntry;
import io.callqa.ingest.ProcessedCall;
import io.callqa.ingest.RecordingTask;
import io.callqa.ingest.Word;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Step 2 of src/test/pii/generate_redaction_set.py (not a test): runs every generated case through the real
 * pipeline (CallProcessor: decoding, voice activity, Vosk) with redaction off, labels each recognised word with
 * the category of the PII part of the audio its midpoint falls in, and writes the redaction set JSON.
 *
 * <p>Usage: {@code RedactionSetTranscription <dir with cases.json and WAVs> <output json>}
 */
public final class RedactionSetTranscription {
  private RedactionSetTranscription() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    ObjectMapper json = new ObjectMapper();
    JsonNode cases = json.readTree(dir.resolve("cases.json").toFile()).path("cases");
    CallProcessor processor = new CallProcessor(null, 0, FeatureOptions.defaults(), AsrOptions.defaults(), false,
        true);
    StringBuilder out = new StringBuilder();
    out.append("{\n \"description\": \"PII redaction set: generated telephone speech (flite/festival voices, 8 kHz"
        + " mu-law) transcribed by the bundled Vosk model through CallProcessor; pii = category of the PII part of"
        + " the audio the word's midpoint falls in. Made by ingest/src/test/pii/generate_redaction_set.py; do not"
        + " edit by hand.\",\n \"cases\": [");
    int n = 0;
    for (JsonNode c : cases) {
      Path wav = dir.resolve(c.path("id").asText() + ".wav");
      RecordingTask task = new RecordingTask(wav.toUri().toString(), Files.size(wav), 0, ManifestEntry.NONE,
          "0".repeat(64), null);
      ProcessedCall p = processor.process(task, () -> Files.newInputStream(wav));
      if (!p.call().ok()) {
        throw new IllegalStateException(wav + ": " + p.call().error());
      }
      Map<String, Object> head = new LinkedHashMap<>();
      head.put("id", c.path("id").asText());
      head.put("voice", c.path("voice").asText());
      head.put("spoken", c.path("spoken").asText());
      String h = json.writeValueAsString(head);
      out.append(n++ == 0 ? "\n" : ",\n").append("  ").append(h, 0, h.length() - 1).append(", \"words\": [");
      int k = 0;
      for (Word w : p.words()) {
        String label = null;
        double mid = (w.startS() + w.endS()) / 2;
        for (JsonNode s : c.path("pii")) {
          if (mid >= s.path("start_s").asDouble() && mid <= s.path("end_s").asDouble()) {
            label = s.path("category").asText();
          }
        }
        out.append(k++ == 0 ? "\n" : ",\n").append(String.format(Locale.ROOT,
            "   {\"word\": %s, \"start_s\": %.2f, \"end_s\": %.2f, \"confidence\": %.3f, \"pii\": %s}",
            json.writeValueAsString(w.word()), w.startS(), w.endS(), w.confidence(),
            label == null ? "null" : json.writeValueAsString(label)));
      }
      out.append("]}");
      System.err.println(c.path("id").asText() + ": " + p.words().size() + " words");
    }
    out.append("\n ]\n}\n");
    Files.writeString(Path.of(args[1]), out.toString());
  }
}

package io.callqa.ingest.asr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callqa.ingest.Speaker;
import io.callqa.ingest.Word;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * One Vosk recogniser for one channel of one call. Not thread-safe; close exactly once (try-with-resources).
 * Vosk's JSON results are parsed here into {@link Word} records and go no further.
 */
public final class Transcriber implements AutoCloseable {
  /** The rate the bundled model expects; callers resample to it. */
  public static final int SAMPLE_RATE = 16_000;
  private static final int CHUNK = SAMPLE_RATE / 5;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Recognizer recognizer;
  private final Speaker speaker;
  private boolean closed;

  public Transcriber(Model model, Speaker speaker) throws IOException {
    this.recognizer = new Recognizer(model, SAMPLE_RATE);
    this.recognizer.setWords(true);
    this.speaker = speaker;
  }

  /**
   * Transcribes samples at {@link #SAMPLE_RATE} (floats in [-1, 1]) that start {@code offsetS} seconds into
   * the recording, and returns the words with absolute times. The recogniser is reset afterwards, so one
   * transcriber can take several regions of the same channel in order.
   */
  public List<Word> transcribe(float[] samples16k, double offsetS) {
    List<Word> words = new ArrayList<>();
    short[] chunk = new short[CHUNK];
    for (int pos = 0; pos < samples16k.length; pos += CHUNK) {
      int n = Math.min(CHUNK, samples16k.length - pos);
      for (int i = 0; i < n; i++) {
        float v = Math.max(-1f, Math.min(1f, samples16k[pos + i]));
        chunk[i] = (short) Math.round(v * 32767f);
      }
      if (recognizer.acceptWaveForm(chunk, n)) {
        parse(recognizer.getResult(), offsetS, words);
      }
    }
    parse(recognizer.getFinalResult(), offsetS, words);
    recognizer.reset();
    return words;
  }

  private void parse(String json, double offsetS, List<Word> out) {
    try {
      JsonNode result = JSON.readTree(json).path("result");
      for (JsonNode w : result) {
        out.add(new Word(speaker, offsetS + w.path("start").asDouble(), offsetS + w.path("end").asDouble(),
            w.path("word").asText(), w.path("conf").asDouble(), false));
      }
    } catch (IOException e) {
      throw new IllegalStateException("Vosk returned unparseable JSON", e);
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      recognizer.close();
    }
  }
}

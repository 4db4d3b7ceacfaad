package io.callqa.ingest.asr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callqa.ingest.Speaker;
import io.callqa.ingest.Word;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
  /**
   * Kaldi dithers features with fresh random noise on every run (its default), which makes transcripts differ
   * between runs. The bundled model has that turned off ({@link VoskModels}); instead the same amount of noise
   * (1 LSB of 16-bit audio, Gaussian) is added here from a fixed seed: the recogniser keeps the noise floor it
   * was trained with (it matters for 8 kHz audio, whose upper band is empty after resampling), and the same
   * audio always gives the same words.
   */
  private static final long DITHER_SEED = 0x5EEDL;

  private final Recognizer recognizer;
  private final Speaker speaker;
  private boolean closed;
  /** Samples fed since the recogniser was created: Vosk's times count from there, across resets. */
  private long samplesFed;

  public Transcriber(Model model, Speaker speaker) throws IOException {
    this.recognizer = new Recognizer(model, SAMPLE_RATE);
    this.recognizer.setWords(true);
    this.speaker = speaker;
  }

  /**
   * Transcribes samples at {@link #SAMPLE_RATE} (floats in [-1, 1]) that start {@code offsetS} seconds into
   * the recording, and returns the words with absolute times. The recogniser is reset afterwards, so one
   * transcriber can take several regions of the same channel in order. (Vosk keeps counting time across
   * resets, from the first sample it was given; that is undone here.)
   */
  public List<Word> transcribe(float[] samples16k, double offsetS) {
    List<Word> words = new ArrayList<>();
    double shift = offsetS - samplesFed / (double) SAMPLE_RATE;
    float[] chunk = new float[CHUNK];
    Random dither = new Random(DITHER_SEED);
    for (int pos = 0; pos < samples16k.length; pos += CHUNK) {
      int n = Math.min(CHUNK, samples16k.length - pos);
      for (int i = 0; i < n; i++) {
        float v = Math.max(-1f, Math.min(1f, samples16k[pos + i]));
        chunk[i] = v * 32767f + (float) dither.nextGaussian();
      }
      if (recognizer.acceptWaveForm(chunk, n)) {
        parse(recognizer.getResult(), shift, words);
      }
    }
    parse(recognizer.getFinalResult(), shift, words);
    recognizer.reset();
    samplesFed += samples16k.length;
    return words;
  }

  /** Parses a Vosk result; {@code shiftS} turns Vosk's times into times from the start of the recording. */
  private void parse(String json, double shiftS, List<Word> out) {
    try {
      JsonNode result = JSON.readTree(json).path("result");
      for (JsonNode w : result) {
        out.add(new Word(speaker, shiftS + w.path("start").asDouble(), shiftS + w.path("end").asDouble(),
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

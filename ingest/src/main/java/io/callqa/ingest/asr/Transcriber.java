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
  /** The region being fed (see {@link #begin}): Vosk is given {@link #CHUNK} samples at a time. */
  private final float[] chunk = new float[CHUNK];
  private int chunkFill;
  private boolean regionOpen;
  private List<Word> regionWords;
  private double regionShift;
  private long regionSamples;
  private Random dither;

  public Transcriber(Model model, Speaker speaker) throws IOException {
    this(new Recognizer(model, SAMPLE_RATE), speaker);
  }

  /**
   * A recogniser that may only say the words of {@code phrases} (in any order) or {@code [unk]} for anything
   * else: Vosk's grammar mode, for listening for known phrases. Words the model does not know are dropped by Vosk.
   */
  public Transcriber(Model model, Speaker speaker, List<String> phrases) throws IOException {
    this(new Recognizer(model, SAMPLE_RATE, grammar(phrases)), speaker);
  }

  private Transcriber(Recognizer recognizer, Speaker speaker) {
    this.recognizer = recognizer;
    this.recognizer.setWords(true);
    this.speaker = speaker;
  }

  /** Vosk's grammar: a JSON list of the phrases in lower case, plus {@code [unk]}. */
  static String grammar(List<String> phrases) {
    List<String> list = new ArrayList<>();
    for (String p : phrases) {
      String clean = p.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z' ]", " ").trim().replaceAll("\\s+", " ");
      if (!clean.isEmpty()) {
        list.add(clean);
      }
    }
    list.add("[unk]");
    try {
      return JSON.writeValueAsString(list);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Transcribes samples at {@link #SAMPLE_RATE} (floats in [-1, 1]) that start {@code offsetS} seconds into
   * the recording, and returns the words with absolute times: {@link #begin}, {@link #feed}, {@link #end} in one
   * call.
   */
  public List<Word> transcribe(float[] samples16k, double offsetS) {
    begin(offsetS);
    feed(samples16k, 0, samples16k.length);
    return end();
  }

  /**
   * Starts a region of the channel that begins {@code offsetS} seconds into the recording; its samples follow
   * through {@link #feed}, and {@link #end} returns its words. Regions must come in order.
   */
  public void begin(double offsetS) {
    if (regionOpen) {
      throw new IllegalStateException("end() the previous region first");
    }
    regionOpen = true;
    regionWords = new ArrayList<>();
    regionShift = offsetS - samplesFed / (double) SAMPLE_RATE;
    regionSamples = 0;
    chunkFill = 0;
    dither = new Random(DITHER_SEED);
  }

  /** Feeds the next samples (at {@link #SAMPLE_RATE}, floats in [-1, 1]) of the current region. */
  public void feed(float[] samples16k, int offset, int length) {
    if (!regionOpen) {
      throw new IllegalStateException("begin() a region first");
    }
    for (int i = offset; i < offset + length; i++) {
      float v = Math.max(-1f, Math.min(1f, samples16k[i]));
      chunk[chunkFill++] = v * 32767f + (float) dither.nextGaussian();
      if (chunkFill == CHUNK) {
        acceptChunk();
      }
    }
    regionSamples += length;
  }

  /**
   * Ends the current region and returns its words with times from the start of the recording. The recogniser
   * is reset, so the next region starts fresh. (Vosk keeps counting time across resets, from the first sample
   * it was given; that is undone here.)
   */
  public List<Word> end() {
    if (!regionOpen) {
      throw new IllegalStateException("begin() a region first");
    }
    if (chunkFill > 0) {
      acceptChunk();
    }
    parse(recognizer.getFinalResult(), regionShift, regionWords);
    recognizer.reset();
    samplesFed += regionSamples;
    regionOpen = false;
    List<Word> words = regionWords;
    regionWords = null;
    return words;
  }

  private void acceptChunk() {
    if (recognizer.acceptWaveForm(chunk, chunkFill)) {
      parse(recognizer.getResult(), regionShift, regionWords);
    }
    chunkFill = 0;
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

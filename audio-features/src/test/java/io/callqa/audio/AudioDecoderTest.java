package io.callqa.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AudioDecoderTest {

  @TempDir
  Path tmp;

  private static DecodedAudio decode(byte[] bytes) throws AudioException {
    return AudioDecoder.decode(new ByteArrayInputStream(bytes), "test.wav", FfmpegDecoder.unavailable());
  }

  private static AudioException failure(byte[] bytes) {
    return catchThrowableOfType(() -> decode(bytes), AudioException.class);
  }

  // ---- hand-written files: every native encoding, no tools needed ----

  @Test
  void decodesPcm16StereoDeinterleaved() throws Exception {
    DecodedAudio a = decode(WavBytes.pcm16(16000, 2, (short) 16384, (short) -16384, (short) 32767, (short) -32768)
        .build());
    assertThat(a.info()).isEqualTo(new AudioInfo("pcm_s16le", 16000, 2, 16, 2));
    assertThat(a.channels()[0]).containsExactly(0.5f, 32767 / 32768f);
    assertThat(a.channels()[1]).containsExactly(-0.5f, -1f);
    assertThat(a.info().durationS()).isEqualTo(2 / 16000.0);
  }

  @Test
  void decodesEveryIntegerAndFloatWidth() throws Exception {
    // value 0.5 and -0.25 in each encoding
    assertSamples(new WavBytes().tag(1, 8).data(new byte[] {(byte) 192, (byte) 96}), "pcm_u8", 0.5f, -0.25f);
    assertSamples(new WavBytes().tag(1, 24).data(new WavBytes.Samples().le(0x400000, 3).le(-0x200000, 3).bytes()),
        "pcm_s24le", 0.5f, -0.25f);
    assertSamples(new WavBytes().tag(1, 32).data(new WavBytes.Samples().le(0x40000000, 4).le(-0x20000000, 4)
        .bytes()), "pcm_s32le", 0.5f, -0.25f);
    assertSamples(new WavBytes().tag(3, 32).data(new WavBytes.Samples().f32(0.5f).f32(-0.25f).bytes()),
        "pcm_f32le", 0.5f, -0.25f);
    assertSamples(new WavBytes().tag(3, 64).data(new WavBytes.Samples().f64(0.5).f64(-0.25).bytes()),
        "pcm_f64le", 0.5f, -0.25f);
  }

  @Test
  void decodesG711WithTheReferenceTables() throws Exception {
    // G.711 reference values: mu-law 0x80 = +32124, 0x00 = -32124, 0xFF = 0; A-law 0xD5 = +8, 0x2A = -32256
    assertSamples(new WavBytes().tag(7, 8).data(new byte[] {(byte) 0x80, 0x00, (byte) 0xFF}), "mulaw",
        32124 / 32768f, -32124 / 32768f, 0f);
    assertSamples(new WavBytes().tag(6, 8).data(new byte[] {(byte) 0xD5, 0x2A}), "alaw", 8 / 32768f,
        -32256 / 32768f);
  }

  @Test
  void decodesWaveFormatExtensibleWithManyChannels() throws Exception {
    WavBytes w = new WavBytes().tag(1, 24);
    w.extensible = true;
    w.channels = 6;
    w.sampleRate = 48000;
    WavBytes.Samples s = new WavBytes.Samples();
    for (int c = 0; c < 6; c++) {
      s.le(c * 0x100000L, 3);
    }
    DecodedAudio a = decode(w.data(s.bytes()).build());
    assertThat(a.info()).isEqualTo(new AudioInfo("pcm_s24le", 48000, 6, 24, 1));
    for (int c = 0; c < 6; c++) {
      assertThat(a.channels()[c][0]).isEqualTo(c / 8f);
    }
  }

  private static void assertSamples(WavBytes w, String encoding, float... expected) throws Exception {
    DecodedAudio a = decode(w.build());
    assertThat(a.info().encoding()).isEqualTo(encoding);
    assertThat(a.info().frames()).isEqualTo(expected.length);
    assertThat(a.channels()[0]).containsExactly(expected, within(1e-7f));
  }

  // ---- compared with sox's own decoder ----

  @ParameterizedTest(name = "{0} {1}-bit, {2} ch @ {3} Hz")
  @CsvSource({
      "unsigned-integer, 8, 1, 8000, pcm_u8",
      "signed-integer, 16, 2, 8000, pcm_s16le",
      "signed-integer, 24, 2, 44100, pcm_s24le",
      "signed-integer, 32, 1, 16000, pcm_s32le",
      "floating-point, 32, 2, 22050, pcm_f32le",
      "floating-point, 64, 1, 96000, pcm_f64le",
      "mu-law, 8, 2, 8000, mulaw",
      "a-law, 8, 1, 8000, alaw",
      "signed-integer, 16, 3, 11025, pcm_s16le",
  })
  void matchesSoxDecoding(String soxEncoding, int bits, int channels, int rate, String expectedEncoding)
      throws Exception {
    assumeTrue(ExternalTool.available("sox"), "sox is not on the PATH: skipping the comparison with sox's"
        + " decoder (the hand-written WAV tests above still cover every encoding)");
    Path wav = tmp.resolve("t.wav");
    Path raw = tmp.resolve("t.f32");
    List<String> make = new ArrayList<>(List.of("sox", "-n", "-r", "" + rate, "-c", "" + channels, "-e", soxEncoding,
        "-b", "" + bits, wav.toString(), "synth", "0.3", "sine", "440", "sine", "1000"));
    if (channels == 3) {
      make.addAll(List.of("sine", "300"));
    }
    make.addAll(List.of("vol", "0.7"));
    ExternalTool.run(tmp, make);
    ExternalTool.run(tmp, List.of("sox", wav.toString(), "-t", "f32", "-e", "floating-point", "-b", "32",
        raw.toString()));

    DecodedAudio a;
    try (InputStream in = Files.newInputStream(wav)) {
      a = AudioDecoder.decode(in, wav.getFileName().toString());
    }
    ByteBuffer ref = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
    int frames = ref.remaining() / 4 / channels;
    assertThat(a.info()).isEqualTo(new AudioInfo(expectedEncoding, rate, channels, bits, frames));
    double maxDiff = 0;
    for (int i = 0; i < frames; i++) {
      for (int c = 0; c < channels; c++) {
        maxDiff = Math.max(maxDiff, Math.abs(ref.getFloat() - a.channels()[c][i]));
      }
    }
    // sox decodes through 32-bit integers: tiny rounding only
    assertThat(maxDiff).isLessThan(1e-4);
  }

  // ---- other containers through ffmpeg ----

  @Test
  void decodesFlacAndMp3ThroughFfmpeg() throws Exception {
    assumeTrue(ExternalTool.available("ffmpeg") && ExternalTool.available("sox"),
        "ffmpeg or sox is not on the PATH: skipping the ffmpeg decoding test");
    Path wav = tmp.resolve("src.wav");
    ExternalTool.run(tmp, List.of("sox", "-n", "-r", "16000", "-c", "2", "-b", "16", wav.toString(), "synth", "1",
        "sine", "440", "vol", "0.5"));
    Path flac = tmp.resolve("t.flac");
    Path mp3 = tmp.resolve("t.mp3");
    ExternalTool.run(tmp, List.of("ffmpeg", "-v", "error", "-i", wav.toString(), flac.toString()));
    ExternalTool.run(tmp, List.of("ffmpeg", "-v", "error", "-i", wav.toString(), "-ar", "16000", mp3.toString()));

    DecodedAudio fromFlac = AudioDecoder.decode(Files.newInputStream(flac), "t.flac");
    assertThat(fromFlac.info()).isEqualTo(new AudioInfo("ffmpeg:flac", 16000, 2, 32, 16000));
    DecodedAudio fromWav = AudioDecoder.decode(Files.newInputStream(wav), "src.wav");
    for (int i = 0; i < 16000; i += 97) {
      assertThat(fromFlac.channels()[1][i]).isEqualTo(fromWav.channels()[1][i]);
    }
    DecodedAudio fromMp3 = AudioDecoder.decode(Files.newInputStream(mp3), "t.mp3");
    assertThat(fromMp3.info().encoding()).isEqualTo("ffmpeg:mp3");
    assertThat(fromMp3.info().sampleRate()).isEqualTo(16000);
    assertThat(fromMp3.info().durationS()).isCloseTo(1.0, within(0.1));
  }

  @Test
  void otherContainersWithoutFfmpegNameTheFormatAndTheMissingDecoder() {
    byte[] ogg = "OggS\0\2\0\0\0\0\0\0\0\0\0\0".getBytes();
    AudioException e = failure(ogg);
    assertThat(e.kind()).isEqualTo(AudioException.Kind.FFMPEG_MISSING);
    assertThat(e).hasMessageContaining("test.wav").hasMessageContaining("Ogg").hasMessageContaining("install ffmpeg");

    AudioException gsm = failure(new WavBytes().tag(0x31, 0).data(new byte[65]).build());
    assertThat(gsm.kind()).isEqualTo(AudioException.Kind.FFMPEG_MISSING);
    assertThat(gsm).hasMessageContaining("GSM 6.10 in WAV (format tag 0x0031)");
  }

  // ---- broken input: always AudioException, with a useful message ----

  @Test
  void zeroBytes() {
    AudioException e = failure(new byte[0]);
    assertThat(e.kind()).isEqualTo(AudioException.Kind.NOT_AUDIO);
    assertThat(e).hasMessageContaining("test.wav").hasMessageContaining("0 bytes");
  }

  @Test
  void randomBytes() {
    byte[] junk = new byte[4096];
    new Random(42).nextBytes(junk);
    AudioException e = failure(junk);
    assertThat(e.kind()).isEqualTo(AudioException.Kind.NOT_AUDIO);
    assertThat(e).hasMessageContaining("not an audio file").hasMessageContaining("first bytes");
  }

  private static DecodedAudio salvage(byte[] bytes) throws AudioException {
    return AudioDecoder.decode(new ByteArrayInputStream(bytes), "test.wav", FfmpegDecoder.unavailable(), true);
  }

  /** A 1 s stereo file whose samples count up, so the frames decoded can be checked one by one. */
  private static byte[] rampStereo() {
    short[] s = new short[8000 * 2];
    for (int i = 0; i < 8000; i++) {
      s[2 * i] = (short) i;
      s[2 * i + 1] = (short) -i;
    }
    return WavBytes.pcm16(8000, 2, s).build();
  }

  @Test
  void truncatedDataChunkIsATypedErrorByDefault() {
    // copied before the recorder finished: header says 1 s, file holds 0.25 s plus half a frame
    byte[] cut = Arrays.copyOf(rampStereo(), 44 + 2000 * 4 + 2);
    AudioException e = failure(cut);
    assertThat(e.kind()).isEqualTo(AudioException.Kind.TRUNCATED);
    assertThat(e).hasMessageStartingWith("test.wav: the recording is cut off: the header announces 1.00 s,"
        + " only 0.25 s are present (2000 of 8000 frames)")
        .hasMessageContaining("copied before the recorder finished")
        .hasMessageContaining("re-export or re-copy it")
        .hasMessageContaining("to analyse the 0.25 s that are there, enable salvaging of truncated recordings"
            + " (callqa ingest --salvage-truncated)");
    // the public entry point defaults to the same
    assertThat(catchThrowableOfType(() -> AudioDecoder.decode(new ByteArrayInputStream(cut), "test.wav"),
        AudioException.class)).hasMessage(e.getMessage());
    assertThat(catchThrowableOfType(() -> AudioDecoder.decode(new ByteArrayInputStream(cut), "test.wav", false),
        AudioException.class)).hasMessage(e.getMessage());
  }

  @Test
  void headerClaimingMoreDataThanPresentIsATypedErrorByDefault() {
    WavBytes w = WavBytes.pcm16(8000, 1, new short[4000]);   // 0.5 s of complete frames
    w.dataSizeField = 3L * 8000 * 2;                          // header: 3 s
    AudioException e = failure(w.build());
    assertThat(e.kind()).isEqualTo(AudioException.Kind.TRUNCATED);
    assertThat(e).hasMessageContaining("announces 3.00 s, only 0.50 s are present")
        .hasMessageContaining("--salvage-truncated");
  }

  @Test
  void salvagingReturnsExactlyTheCompleteFramesPresent() throws Exception {
    byte[] full = rampStereo();
    DecodedAudio whole = decode(full);
    for (int frames : new int[] {1, 2000, 7999}) {
      for (int extra : new int[] {0, 1, 3}) {   // partial trailing frame dropped
        DecodedAudio a = salvage(Arrays.copyOf(full, 44 + frames * 4 + extra));
        assertThat(a.info().frames()).as("%d frames + %d bytes", frames, extra).isEqualTo(frames);
        for (int c = 0; c < 2; c++) {
          assertThat(a.channels()[c]).containsExactly(Arrays.copyOf(whole.channels()[c], frames));
        }
      }
    }
    WavBytes claimsMore = WavBytes.pcm16(8000, 1, new short[4000]);
    claimsMore.dataSizeField = 3L * 8000 * 2;
    assertThat(salvage(claimsMore.build()).info().frames()).isEqualTo(4000);
    assertThat(AudioDecoder.decode(new ByteArrayInputStream(claimsMore.build()), "t.wav", true).info().frames())
        .isEqualTo(4000);
    // a complete file is the same in both modes
    assertThat(salvage(full).channels()[1]).containsExactly(whole.channels()[1]);
  }

  @Test
  void salvagingDoesNotRescueAFileWithoutOneCompleteFrame() {
    WavBytes w = WavBytes.pcm16(8000, 2, (short) 1);   // 2 bytes of a 4-byte frame
    w.dataSizeField = 320_000L;
    AudioException e = catchThrowableOfType(() -> salvage(w.build()), AudioException.class);
    assertThat(e.kind()).isEqualTo(AudioException.Kind.TRUNCATED);
    assertThat(e).hasMessageContaining("claims 320000 bytes");
  }

  @Test
  void unfinalisedDataSizeReadsToTheEndOfTheFileInBothModes() throws Exception {
    WavBytes w = WavBytes.pcm16(8000, 1, new short[800]);
    for (long unknown : new long[] {0L, 0xFFFFFFFFL}) {
      w.dataSizeField = unknown;
      byte[] live = w.build();
      byte[] liveOddEnd = Arrays.copyOf(live, live.length + 1);   // a recorder stopped mid-sample
      liveOddEnd[live.length] = 7;
      for (byte[] bytes : new byte[][] {live, liveOddEnd}) {
        assertThat(decode(bytes).info().frames()).isEqualTo(800);
        assertThat(salvage(bytes).info().frames()).isEqualTo(800);
        for (boolean salvage : new boolean[] {false, true}) {
          try (AudioStream s = AudioDecoder.open(new ByteArrayInputStream(bytes), "live.wav", salvage)) {
            assertThat(s.info().frames()).isEqualTo(-1);
            assertThat(AudioFeatures.extract(s, FeatureOptions.defaults())).hasSize(1);
            assertThat(s.framesRead()).isEqualTo(800);
          }
        }
      }
    }
  }

  @Test
  void headerClaimingDataWithLessThanOneFrameIsTruncated() {
    WavBytes w = WavBytes.pcm16(8000, 2, (short) 1);   // 2 bytes of a 4-byte frame
    w.dataSizeField = 320_000L;
    AudioException e = failure(w.build());
    assertThat(e.kind()).isEqualTo(AudioException.Kind.TRUNCATED);
    assertThat(e).hasMessageContaining("claims 320000 bytes").hasMessageContaining("copy it again");
  }

  @Test
  void fileCutInsideTheHeaderIsTruncated() {
    byte[] full = WavBytes.pcm16(8000, 1, new short[100]).build();
    AudioException e = failure(Arrays.copyOf(full, 30));   // inside the fmt chunk
    assertThat(e.kind()).isEqualTo(AudioException.Kind.TRUNCATED);
    assertThat(e).hasMessageContaining("fmt chunk claims 16 bytes");
    assertThat(failure(Arrays.copyOf(full, 36)).kind()).isEqualTo(AudioException.Kind.TRUNCATED); // no data chunk
    assertThat(failure(Arrays.copyOf(full, 11)).kind()).isEqualTo(AudioException.Kind.NOT_AUDIO);
  }

  @Test
  void emptyDataChunk() {
    AudioException e = failure(WavBytes.pcm16(8000, 1).build());
    assertThat(e.kind()).isEqualTo(AudioException.Kind.EMPTY);
    assertThat(e).hasMessageContaining("no audio");
  }

  @Test
  void unknownCodecTag() {
    AudioException e = failure(new WavBytes().tag(0x1234, 16).data(new byte[100]).build());
    assertThat(e.kind()).isEqualTo(AudioException.Kind.UNSUPPORTED_ENCODING);
    assertThat(e).hasMessageContaining("0x1234").hasMessageContaining("ffmpeg -i in.wav");
  }

  @Test
  void zeroChannels() {
    WavBytes w = WavBytes.pcm16(8000, 1, new short[10]);
    w.channels = 0;
    w.blockAlign = 2;
    AudioException e = failure(w.build());
    assertThat(e.kind()).isEqualTo(AudioException.Kind.BAD_HEADER);
    assertThat(e).hasMessageContaining("0 channels");
  }

  @ParameterizedTest
  @CsvSource({"0", "999", "384001", "2000000000"})
  void absurdSampleRate(int rate) {
    WavBytes w = WavBytes.pcm16(8000, 1, new short[10]);
    w.sampleRate = rate;
    AudioException e = failure(w.build());
    assertThat(e.kind()).isEqualTo(AudioException.Kind.BAD_HEADER);
    assertThat(e).hasMessageContaining("sample rate " + rate + " Hz");
  }

  @Test
  void blockAlignContradictingTheFormat() {
    WavBytes w = WavBytes.pcm16(8000, 2, new short[10]);
    w.blockAlign = 3;
    assertThat(failure(w.build())).hasMessageContaining("block align 3");
  }

  @Test
  void unsupportedBitDepths() {
    assertThat(failure(new WavBytes().tag(3, 16).data(new byte[10]).build()).kind())
        .isEqualTo(AudioException.Kind.UNSUPPORTED_ENCODING);
    assertThat(failure(new WavBytes().tag(7, 16).data(new byte[10]).build()).kind())
        .isEqualTo(AudioException.Kind.UNSUPPORTED_ENCODING);
  }

  @Test
  void readErrorsBecomeAudioExceptions() {
    InputStream broken = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("disk on fire");
      }
    };
    assertThatThrownBy(() -> AudioDecoder.decode(broken, "x.wav"))
        .isInstanceOf(AudioException.class).hasMessageContaining("x.wav").hasMessageContaining("disk on fire");
  }

  @Test
  void corruptedHeadersNeverThrowUncheckedExceptions() {
    byte[] good = new WavBytes().tag(1, 16).data(new byte[400]).build();
    Random random = new Random(7);
    int decoded = 0;
    int rejected = 0;
    for (int trial = 0; trial < 5000; trial++) {
      byte[] bad = good.clone();
      for (int m = 0; m < 1 + random.nextInt(4); m++) {
        bad[random.nextInt(44)] = (byte) random.nextInt(256);
      }
      byte[] cut = Arrays.copyOf(bad, random.nextInt(bad.length + 1));
      try {
        decode(cut);
        decoded++;
      } catch (AudioException e) {
        assertThat(e.getMessage()).startsWith("test.wav: ");
        rejected++;
      }
    }
    assertThat(decoded + rejected).isEqualTo(5000);
    assertThat(rejected).isPositive();
  }
}

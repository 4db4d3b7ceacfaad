package io.callqa.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A night of hostile and broken inputs through the real {@code callqa ingest} (Spark local, real Vosk, real
 * Parquet): every file ends as a correct {@code ok} row or a {@code failed} row with the specific, actionable
 * error, and none of them stops the batch. The corpus is generated here; the 3-hour recording is digital silence
 * with three copies of a sample call's speech, written block by block.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputsTest {
  private static final Path ROOT = SampleNightEndToEndTest.repoRoot();
  /** Where the three speech bursts start in the 3-hour recording, seconds. */
  private static final double[] BURSTS_AT = {600, 5400, 10_000};
  private static final double THREE_HOURS_S = 3 * 3600;

  @TempDir static Path tmp;
  private static Path in;
  private static int exitCode;
  private static String stderr;
  private static double burstS;
  private static SparkSession spark;
  private static Map<String, Row> calls;
  private static boolean root;

  @BeforeAll
  static void ingestTheCorpus() throws Exception {
    in = tmp.resolve("in");
    Files.createDirectories(in);
    root = "root".equals(System.getProperty("user.name"));
    write("zero.wav", new byte[0]);
    byte[] random = new byte[4096];
    new Random(7).nextBytes(random);
    random[0] = 'x'; // not by chance a known magic number
    write("random.wav", random);
    byte[] tone = TestWavs.pcmTone(1, 8000, 2.0, 440, 1);
    write("header_only.wav", Arrays.copyOf(tone, 30));
    write("cut_off.wav", Arrays.copyOf(tone, tone.length * 3 / 5));
    write("really_a_wav.mp3", TestWavs.pcmTone(1, 8000, 2.0, 500, 2));
    write("unknown_codec.wav", withData(TestWavs.header(0x1234, 1, 8000, 2, 16, 16, 1600), 1600));
    write("six_channels.wav", TestWavs.pcmTone(6, 8000, 1.0, 300, 3));
    write("rate_zero.wav", withData(TestWavs.header(TestWavs.TAG_PCM, 1, 0, 16, 1600), 1600));
    write("rate_4ghz.wav", withData(TestWavs.header(TestWavs.TAG_PCM, 1, 4_000_000_000L, 16, 1600), 1600));
    write("zero_channels.wav", withData(TestWavs.header(TestWavs.TAG_PCM, 0, 8000, 2, 16, 16, 1600), 1600));
    write("fmt_2gb.wav", withData(TestWavs.header(TestWavs.TAG_PCM, 1, 8000, 2, 16, 0x7FFFFFFFL, 1600), 1600));
    write("data_4gb.wav", withData(TestWavs.header(TestWavs.TAG_PCM, 1, 8000, 16, 0xFFFFFFF0L), 16000));
    write("block_align.wav", withData(TestWavs.header(TestWavs.TAG_PCM, 2, 8000, 3, 16, 16, 1600), 1600));
    byte[] speech = TestWavs.dataChunk(ROOT.resolve("examples/calls/call06_mono.wav"));
    burstS = speech.length / 8000.0;
    TestWavs.longMulaw(in.resolve("three_hours.wav"), THREE_HOURS_S, speech, BURSTS_AT);
    write("call with spaces.wav", TestWavs.pcmTone(1, 8000, 1.0, 600, 4));
    write("agent's \"best\" call.wav", TestWavs.pcmTone(1, 8000, 1.0, 700, 5));
    write("appel été 電話 #1 100%.wav", TestWavs.pcmTone(1, 8000, 1.0, 800, 6));
    byte[] dup = TestWavs.pcmTone(2, 8000, 1.0, 900, 7);
    write("dup_a.wav", dup);
    write("dup_b.wav", dup);
    write("no_permissions.wav", TestWavs.pcmTone(1, 8000, 1.0, 1000, 8));
    Files.setPosixFilePermissions(in.resolve("no_permissions.wav"), PosixFilePermissions.fromString("---------"));
    // a read that fails for root too: the kernel answers EIO for offset 0 of a process's memory
    Files.createSymbolicLink(in.resolve("read_error.wav"), Path.of("/proc/self/mem"));
    Files.createDirectories(in.resolve("folder.wav"));
    write("folder.wav/inner.wav", TestWavs.pcmTone(1, 8000, 1.0, 1100, 9));
    Files.createDirectories(in.resolve("empty_folder.wav"));
    Files.createDirectories(in.resolve("sub"));
    write("sub/deep.wav", TestWavs.pcmTone(1, 8000, 1.0, 1200, 10));
    Files.createSymbolicLink(in.resolve("sub/loop"), Path.of(".."));
    Files.createSymbolicLink(in.resolve("loop_a.wav"), Path.of("loop_b.wav"));
    Files.createSymbolicLink(in.resolve("loop_b.wav"), Path.of("loop_a.wav"));
    Files.createSymbolicLink(in.resolve("dangling.wav"), Path.of("does_not_exist.wav"));

    Path out = tmp.resolve("out");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream originalErr = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      // a hang in discovery (symlink loop) or decoding must fail the test, not block the build
      exitCode = assertTimeoutPreemptively(Duration.ofMinutes(15), () -> Main.execute("ingest", "--input",
          in.toString(), "--output", out.toString(), "--master", "local[2]"));
    } finally {
      System.setErr(originalErr);
      stderr = err.toString(StandardCharsets.UTF_8);
      System.err.print(stderr);
    }
    spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    calls = new HashMap<>();
    for (Row r : spark.sql("SELECT regexp_extract(source_path, '[^/]+$', 0), status, error, duration_s, channels,"
        + " call_id, source_path, encoding FROM parquet.`" + out.resolve("calls") + "`").collectAsList()) {
      assertThat(calls.put(r.getString(0), r)).as("one row for " + r.getString(0)).isNull();
    }
    wordsOfLongCall = spark.sql("SELECT w.start_s FROM parquet.`" + out.resolve("words") + "` w JOIN parquet.`"
        + out.resolve("calls") + "` c USING (call_id) WHERE c.source_path LIKE '%three_hours.wav'")
        .collectAsList().stream().map(r -> r.getDouble(0)).toList();
  }

  private static List<Double> wordsOfLongCall;

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  private static void write(String name, byte[] bytes) throws IOException {
    Files.write(in.resolve(name), bytes);
  }

  private static byte[] withData(byte[] header, int dataBytes) {
    byte[] b = Arrays.copyOf(header, header.length + dataBytes);
    new Random(dataBytes).nextBytes(b);
    System.arraycopy(header, 0, b, 0, header.length);
    return b;
  }

  private static Row call(String name) {
    assertThat(calls).as("calls rows by file name").containsKey(name);
    return calls.get(name);
  }

  private static void assertFailed(String name, String... errorParts) {
    Row r = call(name);
    assertThat(r.getString(1)).as(name + " status").isEqualTo("failed");
    assertThat(r.getString(2)).as(name + " error").contains(name).contains(errorParts);
  }

  private static void assertOk(String name, double durationS) {
    Row r = call(name);
    assertThat(r.getString(1)).as(name + " status (error: " + r.getString(2) + ")").isEqualTo("ok");
    assertThat(r.getDouble(3)).as(name + " duration").isCloseTo(durationS, within(1e-6));
  }

  @Test
  void theBatchFinishesWithExitCode3AndEveryFileAccountedFor() {
    assertThat(exitCode).as(stderr).isEqualTo(Main.SOME_FAILED);
    assertThat(calls.keySet()).containsExactlyInAnyOrder("zero.wav", "random.wav", "header_only.wav",
        "cut_off.wav", "really_a_wav.mp3", "unknown_codec.wav", "six_channels.wav", "rate_zero.wav",
        "rate_4ghz.wav", "zero_channels.wav", "fmt_2gb.wav", "data_4gb.wav", "block_align.wav", "three_hours.wav",
        "call with spaces.wav", "agent's \"best\" call.wav", "appel été 電話 #1 100%.wav", "dup_a.wav",
        "no_permissions.wav", "read_error.wav", "inner.wav", "deep.wav", "loop_a.wav", "loop_b.wav",
        "dangling.wav");
  }

  @Test
  void emptyRandomAndCutOffFilesFailSayingWhat() {
    assertFailed("zero.wav", "not an audio file", "the file is empty, 0 bytes");
    assertFailed("random.wav", "not an audio file", "no known audio header");
    assertFailed("header_only.wav", "file is truncated", "copy it again");
    assertFailed("cut_off.wav", "the recording is cut off", "--salvage-truncated");
  }

  @Test
  void theContentDecidesNotTheExtension() {
    assertOk("really_a_wav.mp3", 2.0);
    assertThat(call("really_a_wav.mp3").getString(7)).isEqualTo("pcm_s16le");
  }

  @Test
  void unknownCodecsAndAbsurdHeadersFailSayingWhichField() {
    assertFailed("unknown_codec.wav", "unsupported WAV encoding (format tag 0x1234)", "ffmpeg -i in.wav");
    assertFailed("rate_zero.wav", "invalid WAV header", "sample rate 0 Hz is outside 1000..384000 Hz");
    assertFailed("rate_4ghz.wav", "sample rate 4000000000 Hz is outside");
    assertFailed("zero_channels.wav", "invalid WAV header", "0 channels");
    assertFailed("fmt_2gb.wav", "fmt chunk is 2147483647 bytes, at most 65536 expected");
    assertFailed("block_align.wav", "block align 3 does not match 2 channels");
    // announces 4 GB of samples (74.6 hours at 8 kHz 16-bit), holds 1 s: a cut-off copy, not a reason to allocate
    assertFailed("data_4gb.wav", "the recording is cut off", "only 1.00 s are present", "--salvage-truncated");
  }

  @Test
  void sixChannelsFailAskingForADownMix() {
    assertFailed("six_channels.wav", "has 6 channels", "ffmpeg -i in.wav -ac 2 out.wav");
    assertThat(call("six_channels.wav").getInt(4)).isEqualTo(6);
    assertThat(call("six_channels.wav").getDouble(3)).isCloseTo(1.0, within(1e-6));
  }

  @Test
  void aThreeHourRecordingIsIngestedWithItsWordsAtTheRightTimes() {
    assertOk("three_hours.wav", THREE_HOURS_S);
    assertThat(wordsOfLongCall).as("words of the 3-hour call").isNotEmpty();
    for (double at : BURSTS_AT) {
      assertThat(wordsOfLongCall.stream().filter(s -> s >= at && s < at + burstS).count())
          .as("words of the burst at " + at + " s").isGreaterThan(20);
    }
    assertThat(wordsOfLongCall).as("no words in the silence").allSatisfy(s -> assertThat(
        Arrays.stream(BURSTS_AT).anyMatch(at -> s >= at && s < at + burstS)).isTrue());
  }

  @Test
  void oddFileNamesAreIngestedUnderTheirOwnNames() {
    for (String name : List.of("call with spaces.wav", "agent's \"best\" call.wav", "appel été 電話 #1 100%.wav")) {
      assertOk(name, 1.0);
      assertThat(call(name).getString(6)).endsWith("/in/" + name);
    }
  }

  @Test
  void theSameRecordingUnderTwoNamesIsIngestedOnce() {
    assertOk("dup_a.wav", 1.0);
    assertThat(calls).doesNotContainKey("dup_b.wav");
    assertThat(stderr).contains("1 already ingested");
  }

  @Test
  void unreadableFilesFailAndDoNotStopTheBatch() {
    // tests run as root, whom permissions do not stop: then the file is read like any other
    if (root) {
      assertOk("no_permissions.wav", 1.0);
    } else {
      assertFailed("no_permissions.wav", "cannot read the file");
    }
    assertFailed("read_error.wav", "cannot read the file", "Input/output error", "readable by the user");
  }

  @Test
  void foldersNamedLikeRecordingsAreSearchedNotIngested() {
    assertThat(calls).doesNotContainKeys("folder.wav", "empty_folder.wav");
    assertOk("inner.wav", 1.0);
    assertThat(call("inner.wav").getString(6)).endsWith("/in/folder.wav/inner.wav");
  }

  @Test
  void symlinkLoopsNeitherHangNorRepeat() {
    assertOk("deep.wav", 1.0);
    assertThat(call("deep.wav").getString(6)).endsWith("/in/sub/deep.wav");
    assertFailed("loop_a.wav", "cannot read the file", "symbolic link to loop_b.wav", "form a loop");
    assertFailed("loop_b.wav", "cannot read the file", "symbolic link to loop_a.wav", "form a loop");
    assertFailed("dangling.wav", "cannot read the file", "symbolic link to does_not_exist.wav, which does not exist");
  }
}

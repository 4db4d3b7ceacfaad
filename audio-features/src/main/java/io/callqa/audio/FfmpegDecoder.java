package io.callqa.audio;

import java.io.BufferedInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes containers this module does not parse itself by running the {@code ffmpeg} executable.
 *
 * <p>The input is spooled to a temporary file (on disk, not in the heap), probed with {@code ffprobe}
 * (or, without it, from ffmpeg's own stream description), then decoded with
 * {@code ffmpeg -v error -i file -map 0:a:0 -f f32le -acodec pcm_f32le -} at its native rate and
 * channel count, read from ffmpeg's output as it comes ({@link FfmpegStream}). Temporary files are
 * deleted when the stream is closed (or when opening fails). An ffmpeg or ffprobe run that produces no
 * output for {@link #TIMEOUT_S} seconds while it is being read is killed, so a pathological file cannot
 * hang a batch.
 */
final class FfmpegDecoder {

  /** Upper bound on one ffprobe run, and on one wait for ffmpeg output, seconds. */
  static final long TIMEOUT_S = 600;

  private static final Pattern STREAM_LINE =
      Pattern.compile("Stream #0:\\d+.*?: Audio: ([\\w-]+).*?, (\\d+) Hz, (mono|stereo|(\\d+) channels)");

  private static final ScheduledThreadPoolExecutor WATCHDOG = watchdog();

  private final Path ffmpeg;
  private final Path ffprobe;

  private FfmpegDecoder(Path ffmpeg, Path ffprobe) {
    this.ffmpeg = ffmpeg;
    this.ffprobe = ffprobe;
  }

  /** Uses {@code ffmpeg} and {@code ffprobe} found on the PATH (either may be missing). */
  static FfmpegDecoder fromPath() {
    return new FfmpegDecoder(which("ffmpeg").orElse(null), which("ffprobe").orElse(null));
  }

  /** A decoder for an environment without ffmpeg: every call fails with "install ffmpeg". */
  static FfmpegDecoder unavailable() {
    return new FfmpegDecoder(null, null);
  }

  /**
   * Starts decoding {@code in} (a whole file, read to its end, not closed) through ffmpeg.
   *
   * @param format human-readable detected format, used in messages (e.g. "MP3")
   */
  AudioStream open(InputStream in, String name, String format) throws AudioException {
    if (ffmpeg == null) {
      throw AudioException.ffmpegMissing(name, format);
    }
    Path input = null;
    Path err = null;
    Process p = null;
    boolean opened = false;
    try {
      input = Files.createTempFile("callqa-audio-", ".in");
      Files.copy(in, input, StandardCopyOption.REPLACE_EXISTING);
      StreamInfo probe = ffprobe != null ? probe(input, name, format) : null;
      err = Files.createTempFile("callqa-audio-", ".err");
      p = new ProcessBuilder(ffmpeg.toString(), "-nostdin", "-v", probe != null ? "error" : "info", "-i",
          input.toString(), "-map", "0:a:0", "-f", "f32le", "-acodec", "pcm_f32le", "-")
          .redirectError(err.toFile()).start();
      p.getOutputStream().close();
      FfmpegStream stream = new FfmpegStream(p, input, err, probe, name, format);
      opened = true;
      return stream;
    } catch (IOException e) {
      throw AudioException.io(name, "running ffmpeg", e);
    } finally {
      if (!opened) {
        if (p != null) {
          p.destroyForcibly();
        }
        deleteTempFile(input);
        deleteTempFile(err);
      }
    }
  }

  /** ffmpeg's f32le output, read as it is produced. */
  private static final class FfmpegStream implements AudioStream {

    private final Process process;
    private final InputStream out;
    private final Path input;
    private final Path err;
    private final String name;
    private final String format;
    private final AudioInfo info;
    private final int frameBytes;
    private final ScheduledFuture<?> watch;
    private volatile long blockedSince;
    private volatile boolean timedOut;
    private byte[] pending;
    private byte[] buffer = new byte[0];
    private long framesRead;
    private boolean ended;
    private boolean closed;

    /** Reads the first frame; fails (and cleans up, through the caller) when there is none. */
    FfmpegStream(Process process, Path input, Path err, StreamInfo probe, String name, String format)
        throws AudioException, IOException {
      this.process = process;
      this.out = new BufferedInputStream(process.getInputStream(), 1 << 16);
      this.input = input;
      this.err = err;
      this.name = name;
      this.format = format;
      this.watch = WATCHDOG.scheduleWithFixedDelay(this::checkStalled, 1, 1, TimeUnit.SECONDS);
      try {
        byte[] firstSample = fill(4);
        if (firstSample.length < 4) {
          finishProcess();
          throw AudioException.ffmpegFailed(name, format, "ffmpeg produced no audio samples");
        }
        // without ffprobe, ffmpeg has described the stream on stderr before writing any output
        StreamInfo s = probe != null ? probe : parseStderr(Files.readString(err, StandardCharsets.UTF_8), name,
            format);
        this.frameBytes = 4 * s.channels();
        byte[] rest = fill(frameBytes - 4);
        if (rest.length < frameBytes - 4) {
          finishProcess();
          throw AudioException.ffmpegFailed(name, format, "ffmpeg produced less than one frame of audio");
        }
        this.pending = new byte[frameBytes];
        System.arraycopy(firstSample, 0, pending, 0, 4);
        System.arraycopy(rest, 0, pending, 4, rest.length);
        this.info = new AudioInfo("ffmpeg:" + s.codec(), s.sampleRate(), s.channels(), 32, -1);
      } catch (AudioException | IOException | RuntimeException e) {
        watch.cancel(false);
        throw e;
      }
    }

    private void checkStalled() {
      long since = blockedSince;
      if (since != 0 && System.nanoTime() - since > TimeUnit.SECONDS.toNanos(TIMEOUT_S)) {
        timedOut = true;
        process.destroyForcibly();
      }
    }

    private byte[] fill(int n) throws IOException {
      byte[] b = new byte[n];
      return Arrays.copyOf(b, fill(b, 0, n));
    }

    /** Reads up to {@code len} bytes of ffmpeg output (fewer only at its end), under the stall watchdog. */
    private int fill(byte[] b, int off, int len) throws IOException {
      blockedSince = System.nanoTime();
      try {
        return out.readNBytes(b, off, len);
      } finally {
        blockedSince = 0;
      }
    }

    /** Waits for ffmpeg to exit after its output ended; a failure becomes an AudioException. */
    private void finishProcess() throws AudioException {
      try {
        if (!process.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw AudioException.ffmpegFailed(name, format, "ffmpeg did not exit within " + TIMEOUT_S
              + " s after its output ended");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw AudioException.ffmpegFailed(name, format, "interrupted while waiting for ffmpeg");
      }
      if (timedOut) {
        throw AudioException.ffmpegFailed(name, format, "ffmpeg produced no output for " + TIMEOUT_S
            + " s and was stopped");
      }
      if (process.exitValue() != 0) {
        String stderr;
        try {
          stderr = Files.readString(err, StandardCharsets.UTF_8);
        } catch (IOException e) {
          stderr = "exit code " + process.exitValue();
        }
        throw AudioException.ffmpegFailed(name, format, firstLines(stderr));
      }
    }

    @Override
    public AudioInfo info() {
      return info;
    }

    @Override
    public int read(float[][] block) throws AudioException {
      AudioStream.checkBlock(block, info.channels());
      if (ended || closed) {
        return -1;
      }
      int bytes = block[0].length * frameBytes;
      if (buffer.length < bytes) {
        buffer = new byte[bytes];
      }
      int got = 0;
      if (pending != null) {
        System.arraycopy(pending, 0, buffer, 0, frameBytes);
        got = frameBytes;
        pending = null;
      }
      try {
        got += fill(buffer, got, bytes - got);
      } catch (IOException e) {
        if (timedOut) {
          ended = true;
          finishProcess();
        }
        throw AudioException.io(name, "reading ffmpeg's output", e);
      }
      int frames = got / frameBytes;
      if (got < bytes) {
        ended = true;
        finishProcess();
      }
      if (frames == 0) {
        return -1;
      }
      ByteBuffer buf = ByteBuffer.wrap(buffer, 0, frames * frameBytes).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < frames; i++) {
        for (int c = 0; c < info.channels(); c++) {
          block[c][i] = buf.getFloat();
        }
      }
      framesRead += frames;
      return frames;
    }

    @Override
    public long framesRead() {
      return framesRead;
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      watch.cancel(false);
      if (process.isAlive()) {
        process.destroyForcibly();
      }
      try {
        out.close();
      } catch (IOException e) {
        // the process is gone; nothing to release
      }
      deleteTempFile(input);
      deleteTempFile(err);
    }
  }

  private static ScheduledThreadPoolExecutor watchdog() {
    ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "callqa-ffmpeg-watchdog");
      t.setDaemon(true);
      return t;
    });
    e.setRemoveOnCancelPolicy(true);
    return e;
  }

  /** What ffprobe or ffmpeg said about the first audio stream. */
  private record StreamInfo(String codec, int sampleRate, int channels) {}

  private record ProcessResult(int exitCode, byte[] stdout, String stderr) {}

  private StreamInfo probe(Path input, String name, String format) throws IOException, AudioException {
    ProcessResult r = run(name, format, List.of(ffprobe.toString(), "-v", "error", "-select_streams", "a:0",
        "-show_entries", "stream=codec_name,sample_rate,channels", "-of", "default=noprint_wrappers=1",
        input.toString()));
    String out = new String(r.stdout(), StandardCharsets.UTF_8);
    if (r.exitCode() != 0) {
      throw AudioException.ffmpegFailed(name, format, firstLines(r.stderr()));
    }
    String codec = null;
    Integer rate = null;
    Integer channels = null;
    for (String line : out.split("\\R")) {
      int eq = line.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String key = line.substring(0, eq).trim();
      String value = line.substring(eq + 1).trim();
      try {
        switch (key) {
          case "codec_name" -> codec = value;
          case "sample_rate" -> rate = Integer.parseInt(value);
          case "channels" -> channels = Integer.parseInt(value);
          default -> { }
        }
      } catch (NumberFormatException e) {
        throw AudioException.ffmpegFailed(name, format, "ffprobe reported " + key + "=" + value);
      }
    }
    if (codec == null || rate == null || channels == null) {
      throw AudioException.ffmpegFailed(name, format, "ffprobe found no audio stream");
    }
    return validated(new StreamInfo(codec, rate, channels), name, format);
  }

  private static StreamInfo parseStderr(String stderr, String name, String format) throws AudioException {
    Matcher m = STREAM_LINE.matcher(stderr);
    if (!m.find()) {
      throw AudioException.ffmpegFailed(name, format, "could not read the stream's rate and channel count"
          + " from ffmpeg's output; install ffprobe next to ffmpeg");
    }
    int channels = m.group(3).equals("mono") ? 1 : m.group(3).equals("stereo") ? 2 : Integer.parseInt(m.group(4));
    return validated(new StreamInfo(m.group(1), Integer.parseInt(m.group(2)), channels), name, format);
  }

  private static StreamInfo validated(StreamInfo s, String name, String format) throws AudioException {
    if (s.channels() < 1 || s.sampleRate() < WavReader.MIN_RATE || s.sampleRate() > WavReader.MAX_RATE) {
      throw AudioException.ffmpegFailed(name, format, "unusable stream: " + s.sampleRate() + " Hz, "
          + s.channels() + " channels");
    }
    return s;
  }

  /** Runs a command with stdout and stderr redirected to temp files (no pipe deadlock) and a timeout. */
  private static ProcessResult run(String name, String format, List<String> command)
      throws IOException, AudioException {
    Path out = Files.createTempFile("callqa-audio-", ".out");
    Path err = Files.createTempFile("callqa-audio-", ".err");
    Process p = null;
    try {
      p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
          .start();
      p.getOutputStream().close();
      if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
        throw AudioException.ffmpegFailed(name, format, Path.of(command.get(0)).getFileName()
            + " did not finish within " + TIMEOUT_S + " s");
      }
      return new ProcessResult(p.exitValue(), Files.readAllBytes(out),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw AudioException.ffmpegFailed(name, format, "interrupted while waiting for ffmpeg");
    } finally {
      if (p != null && p.isAlive()) {
        p.destroyForcibly();
      }
      deleteTempFile(out);
      deleteTempFile(err);
    }
  }

  private static String firstLines(String stderr) {
    List<String> lines = new ArrayList<>();
    for (String line : stderr.split("\\R")) {
      if (!line.isBlank() && lines.size() < 3) {
        lines.add(line.trim());
      }
    }
    return lines.isEmpty() ? "no error output" : String.join(" | ", lines);
  }

  /** Deletes a temp file; failure to delete is not an error of the decode, so it is reported on stderr. */
  private static void deleteTempFile(Path p) {
    if (p == null) {
      return;
    }
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      System.err.println("callqa audio: could not delete temporary file " + p + ": " + e.getMessage());
    }
  }

  private static Optional<Path> which(String executable) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, executable);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}

package io.callqa.audio;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes containers this module does not parse itself by running the {@code ffmpeg} executable.
 *
 * <p>The stream is spooled to a temporary file, probed with {@code ffprobe} (or, without it, from
 * ffmpeg's own stream description), then decoded with
 * {@code ffmpeg -v error -i file -map 0:a:0 -f f32le -acodec pcm_f32le -} at its native rate and
 * channel count. All temporary files are deleted before returning. Each ffmpeg run is killed after
 * {@link #TIMEOUT_S} seconds, so a pathological file cannot hang a batch.
 */
final class FfmpegDecoder {

  /** Upper bound on one ffmpeg/ffprobe run, seconds. */
  static final long TIMEOUT_S = 600;

  private static final Pattern STREAM_LINE =
      Pattern.compile("Stream #0:\\d+.*?: Audio: ([\\w-]+).*?, (\\d+) Hz, (mono|stereo|(\\d+) channels)");

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
   * Decodes {@code bytes} (a whole file) through ffmpeg.
   *
   * @param format human-readable detected format, used in messages (e.g. "MP3")
   */
  DecodedAudio decode(byte[] bytes, String name, String format) throws AudioException {
    if (ffmpeg == null) {
      throw AudioException.ffmpegMissing(name, format);
    }
    Path input = null;
    try {
      input = Files.createTempFile("callqa-audio-", ".in");
      Files.write(input, bytes);
      StreamInfo probe = ffprobe != null ? probe(input, name, format) : null;
      ProcessResult decoded = run(name, format, List.of(ffmpeg.toString(), "-nostdin", "-v",
          probe != null ? "error" : "info", "-i", input.toString(), "-map", "0:a:0", "-f", "f32le",
          "-acodec", "pcm_f32le", "-"));
      if (decoded.exitCode() != 0) {
        throw AudioException.ffmpegFailed(name, format, firstLines(decoded.stderr()));
      }
      StreamInfo info = probe != null ? probe : parseStderr(decoded.stderr(), name, format);
      return toAudio(decoded.stdout(), info, name, format);
    } catch (IOException e) {
      throw AudioException.io(name, "running ffmpeg", e);
    } finally {
      deleteTempFile(input);
    }
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

  private static DecodedAudio toAudio(byte[] pcm, StreamInfo s, String name, String format) throws AudioException {
    int frames = pcm.length / 4 / s.channels();
    if (frames == 0) {
      throw AudioException.ffmpegFailed(name, format, "ffmpeg produced no audio samples");
    }
    ByteBuffer buf = ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN);
    float[][] out = new float[s.channels()][frames];
    for (int i = 0; i < frames; i++) {
      for (int c = 0; c < s.channels(); c++) {
        out[c][i] = buf.getFloat();
      }
    }
    return new DecodedAudio(new AudioInfo("ffmpeg:" + s.codec(), s.sampleRate(), s.channels(), 32, frames), out);
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

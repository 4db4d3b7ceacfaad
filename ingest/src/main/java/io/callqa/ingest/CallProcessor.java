package io.callqa.ingest;

import io.callqa.audio.AudioDecoder;
import io.callqa.audio.AudioException;
import io.callqa.audio.AudioFeatures;
import io.callqa.audio.ChannelFeatures;
import io.callqa.audio.AudioInfo;
import io.callqa.audio.AudioStream;
import io.callqa.audio.FeatureOptions;
import io.callqa.audio.LoudnessWindow;
import io.callqa.audio.Segment;
import io.callqa.ingest.asr.Transcriber;
import io.callqa.ingest.asr.VoskModels;
import io.callqa.ingest.pii.PiiRedactor;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.vosk.Model;

/**
 * Turns one recording into a {@link ProcessedCall}: decode, per-channel features, transcription of the speech
 * regions (see {@link AsrOptions}), the two channels of a stereo call on two threads. The recording is streamed,
 * never held whole: memory depends on the length of the speech regions' words and the feature envelopes, not
 * on the number of samples (a 3-hour call costs megabytes, not the ~700 MB its decoded samples would). Thread-safe: one instance
 * may serve concurrent tasks (each channel gets its own recogniser; the model is shared).
 *
 * <p>Error policy: a recording that cannot be decoded or transcribed never throws out of
 * {@link #process}; it becomes a {@code failed} call with an actionable error. Only programming errors
 * and a model that cannot be loaded at all (a run-wide problem) propagate.
 */
public final class CallProcessor {
  private final String modelDir;
  private final int defaultAgentChannel;
  private final FeatureOptions featureOptions;
  private final AsrOptions asr;
  private final boolean salvageTruncated;
  private final boolean keepPii;
  /** Threads for a call's second channel; daemon, so they never keep a JVM alive. */
  private static final ExecutorService CHANNEL_POOL = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "callqa-channel");
    t.setDaemon(true);
    return t;
  });
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  /**
   * @param modelDir Vosk model directory, or {@code null} for the bundled model
   * @param defaultAgentChannel the agent's channel when the manifest does not say (0 = left)
   * @param salvageTruncated analyse the frames present of a recording shorter than its header says
   * @param keepPii keep personal data in the words (no {@link PiiRedactor} pass); recorded in the call's row
   */
  public CallProcessor(String modelDir, int defaultAgentChannel, FeatureOptions featureOptions, AsrOptions asr,
      boolean salvageTruncated, boolean keepPii) {
    this.modelDir = modelDir;
    this.defaultAgentChannel = defaultAgentChannel;
    this.featureOptions = featureOptions;
    this.asr = asr;
    this.salvageTruncated = salvageTruncated;
    this.keepPii = keepPii;
  }

  /**
   * Processes {@code task} (already hashed), reading its bytes from {@code source} in two passes so that memory
   * does not grow with the recording's length: the first streams the whole file through the feature extractor
   * (the per-channel envelopes are small), the second re-opens it once per channel and streams only the padded
   * speech regions, resampled block by block, into that channel's recogniser.
   */
  public ProcessedCall process(RecordingTask task, RecordingSource source) {
    if (task.readError() != null) {
      return ProcessedCall.failed(record(task, CallRecord.FAILED, cannotRead(task, task.readError()), null));
    }
    AudioInfo info;
    List<ChannelFeatures> features;
    try (InputStream in = source.open(); AudioStream stream = AudioDecoder.open(in, task.fileName(), salvageTruncated)) {
      AudioInfo header = stream.info();
      if (header.channels() > 2) {
        return ProcessedCall.failed(record(task, CallRecord.FAILED, task.fileName() + ": the recording has "
            + header.channels()
            + " channels; callqa reads mono or stereo (agent and customer on separate channels). Down-mix it, e.g."
            + " `ffmpeg -i in.wav -ac 2 out.wav`, or export the two party channels.",
            header.frames() >= 0 ? header : null));
      }
      features = AudioFeatures.extract(stream, featureOptions);
      info = new AudioInfo(header.encoding(), header.sampleRate(), header.channels(), header.bitsPerSample(),
          stream.framesRead());
    } catch (AudioException e) {
      return ProcessedCall.failed(record(task, CallRecord.FAILED, e.getMessage(), null));
    } catch (IOException e) {
      return ProcessedCall.failed(record(task, CallRecord.FAILED, cannotRead(task, e.toString()), null));
    }
    int channels = info.channels();
    int agentChannel = task.manifest().agentChannel() != null ? task.manifest().agentChannel() : defaultAgentChannel;
    List<ChannelResult> results = new ArrayList<>();
    try {
      Model model = VoskModels.shared(modelDir);
      List<Future<ChannelResult>> pending = new ArrayList<>();
      for (int ch = 0; ch < channels; ch++) {
        Speaker speaker = Speaker.ofChannel(ch, channels, agentChannel);
        int channel = ch;
        ChannelFeatures f = features.get(ch);
        Callable<ChannelResult> work = () -> processChannel(model, speaker, task, source, info, channel, f);
        if (asr.parallelChannels() && ch < channels - 1) {
          pending.add(CHANNEL_POOL.submit(work));
        } else {
          results.add(work.call());
        }
      }
      for (Future<ChannelResult> f : pending) {
        results.add(f.get());
      }
    } catch (ExecutionException e) {
      return transcriptionFailed(task, info, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while transcribing " + task.fileName(), e);
    } catch (Exception e) {
      return transcriptionFailed(task, info, e);
    }
    List<Word> words = new ArrayList<>();
    List<SpeechSegment> speech = new ArrayList<>();
    List<SoundSegment> sounds = new ArrayList<>();
    List<LoudnessPoint> loudness = new ArrayList<>();
    double asrInputS = 0;
    double asrCpuS = 0;
    for (ChannelResult r : results) {
      words.addAll(r.words());
      speech.addAll(r.speech());
      sounds.addAll(r.sounds());
      loudness.addAll(r.loudness());
      asrInputS += r.asrInputS();
      asrCpuS += r.asrCpuS();
    }
    words.sort(Comparator.comparingDouble(Word::startS));
    if (!keepPii) { // before anything is built from the words: utterances and every table see redacted text
      words = PiiRedactor.create().redact(words);
    }
    speech.sort(Comparator.comparingDouble(SpeechSegment::startS));
    List<Utterance> utterances = new ArrayList<>();
    for (Speaker s : Speaker.values()) {
      utterances.addAll(Utterance.fromWords(words.stream().filter(w -> w.speaker() == s).toList()));
    }
    utterances.sort(Comparator.comparingDouble(Utterance::startS));
    CallRecord call = record(task, CallRecord.OK, null, info).withAsr(asrInputS, asrCpuS);
    return new ProcessedCall(call, List.copyOf(words), List.copyOf(utterances), List.copyOf(speech),
        List.copyOf(sounds), List.copyOf(loudness));
  }

  private static String cannotRead(RecordingTask task, String reason) {
    return task.fileName() + ": cannot read the file: " + reason
        + ". Check that it exists and is readable by the user running callqa.";
  }

  private ProcessedCall transcriptionFailed(RecordingTask task, AudioInfo audio, Throwable e) {
    if (e instanceof CallqaException ce) {
      throw ce; // the model cannot be loaded: every recording would fail, so the run stops
    }
    if (e instanceof AudioException ae) { // the second pass read differently: the file changed meanwhile
      return ProcessedCall.failed(record(task, CallRecord.FAILED, ae.getMessage()
          + " (while reading the speech regions; if the file was being written, rerun once it is complete)", audio));
    }
    if (e instanceof IOException io) {
      return ProcessedCall.failed(record(task, CallRecord.FAILED, cannotRead(task, io.toString()), audio));
    }
    return ProcessedCall.failed(record(task, CallRecord.FAILED, "transcription failed: " + e
        + ". This is likely a bug or a model problem; rerun with --model pointing at another Vosk model, or"
        + " report it with the file's format details.", audio));
  }

  /** What one channel yields; {@code asrInputS} seconds of audio were fed to Vosk, costing {@code asrCpuS}. */
  private record ChannelResult(List<Word> words, List<SpeechSegment> speech, List<SoundSegment> sounds,
      List<LoudnessPoint> loudness, double asrInputS, double asrCpuS) {}

  private ChannelResult processChannel(Model model, Speaker speaker, RecordingTask task, RecordingSource source,
      AudioInfo info, int channel, ChannelFeatures f) throws IOException, AudioException {
    List<SpeechSegment> speech = new ArrayList<>();
    for (Segment s : f.speech()) {
      speech.add(new SpeechSegment(speaker, s.startS(), s.endS(), s.meanDbfs(), s.peakDbfs()));
    }
    List<SoundSegment> sounds = new ArrayList<>();
    for (Segment s : f.tones()) {
      sounds.add(new SoundSegment(speaker, SoundSegment.TONE, s.startS(), s.endS(), s.peakDbfs()));
    }
    for (Segment s : f.clipping()) {
      sounds.add(new SoundSegment(speaker, SoundSegment.CLIPPING, s.startS(), s.endS(), s.peakDbfs()));
    }
    List<LoudnessPoint> loudness = new ArrayList<>();
    for (LoudnessWindow w : f.loudness1s()) {
      loudness.add(new LoudnessPoint(speaker, w.startS(), w.dbfs()));
    }
    int rate = info.sampleRate();
    List<long[]> spans = AsrRegions.frameSpans(f.speech(), asr, rate, info.frames());
    List<Word> words = new ArrayList<>();
    double fed = 0;
    long cpuStart = CPU.getCurrentThreadCpuTime();
    if (!spans.isEmpty()) {
      try (Transcriber t = new Transcriber(model, speaker);
          InputStream in = source.open();
          AudioStream stream = AudioDecoder.open(in, task.fileName(), salvageTruncated)) {
        RegionFeeder feeder = new RegionFeeder(spans, rate, t, asr.denoise() ? f.noise() : null);
        feeder.feed(stream, channel);
        words.addAll(feeder.words());
      }
      for (long[] s : spans) {
        fed += (s[1] - s[0]) / (double) rate;
      }
    }
    double cpu = (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    return new ChannelResult(words, speech, sounds, loudness, fed, cpu);
  }

  private CallRecord record(RecordingTask task, String status, String error, AudioInfo audio) {
    ManifestEntry m = task.manifest();
    Integer channels = audio == null ? null : audio.channels();
    Integer agentChannel = channels == null || channels != 2 ? null
        : m.agentChannel() != null ? m.agentChannel() : defaultAgentChannel;
    return new CallRecord(task.callId(), task.callDate(), task.path(), task.contentSha256(), status, error,
        audio == null ? null : audio.durationS(), audio == null ? null : audio.sampleRate(),
        audio == null ? null : audio.encoding(), channels, agentChannel, m.agentId(), m.queue(),
        m.direction(), m.startedAt(), VoskModels.displayName(modelDir), BuildInfo.pipelineVersion(), Instant.now(),
        null, null, keepPii);
  }
}

package io.callqa.ingest;

import io.callqa.audio.AudioDecoder;
import io.callqa.audio.AudioException;
import io.callqa.audio.AudioFeatures;
import io.callqa.audio.ChannelFeatures;
import io.callqa.audio.DecodedAudio;
import io.callqa.audio.FeatureOptions;
import io.callqa.audio.LoudnessWindow;
import io.callqa.audio.Resampler;
import io.callqa.audio.Segment;
import io.callqa.ingest.asr.Transcriber;
import io.callqa.ingest.asr.VoskModels;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.vosk.Model;

/**
 * Turns one recording into a {@link ProcessedCall}: decode, per-channel features, transcription.
 *
 * <p>Error policy: a recording that cannot be decoded or transcribed never throws out of
 * {@link #process}; it becomes a {@code failed} call with an actionable error. Only programming errors
 * and a model that cannot be loaded at all (a run-wide problem) propagate.
 */
public final class CallProcessor {
  private final String modelDir;
  private final int defaultAgentChannel;
  private final FeatureOptions featureOptions;

  /**
   * @param modelDir Vosk model directory, or {@code null} for the bundled model
   * @param defaultAgentChannel the agent's channel when the manifest does not say (0 = left)
   */
  public CallProcessor(String modelDir, int defaultAgentChannel, FeatureOptions featureOptions) {
    this.modelDir = modelDir;
    this.defaultAgentChannel = defaultAgentChannel;
    this.featureOptions = featureOptions;
  }

  /** Processes {@code task} (already hashed) reading its bytes from {@code in}; does not close {@code in}. */
  public ProcessedCall process(RecordingTask task, InputStream in) {
    if (task.readError() != null) {
      return ProcessedCall.failed(record(task, CallRecord.FAILED, "cannot read the file: " + task.readError()
          + ". Check that it exists and is readable by the user running callqa.", null));
    }
    DecodedAudio audio;
    try {
      audio = AudioDecoder.decode(in, task.fileName());
    } catch (AudioException e) {
      return ProcessedCall.failed(record(task, CallRecord.FAILED, e.getMessage(), null));
    }
    int channels = audio.info().channels();
    if (channels > 2) {
      return ProcessedCall.failed(record(task, CallRecord.FAILED, "the recording has " + channels
          + " channels; callqa reads mono or stereo (agent and customer on separate channels). Down-mix it, e.g."
          + " `ffmpeg -i in.wav -ac 2 out.wav`, or export the two party channels.", audio));
    }
    int agentChannel = task.manifest().agentChannel() != null ? task.manifest().agentChannel() : defaultAgentChannel;
    List<Word> words = new ArrayList<>();
    List<SpeechSegment> speech = new ArrayList<>();
    List<SoundSegment> sounds = new ArrayList<>();
    List<LoudnessPoint> loudness = new ArrayList<>();
    int rate = audio.info().sampleRate();
    try {
      Model model = VoskModels.shared(modelDir);
      for (int ch = 0; ch < channels; ch++) {
        Speaker speaker = Speaker.ofChannel(ch, channels, agentChannel);
        float[] samples = audio.channels()[ch];
        ChannelFeatures f = AudioFeatures.extract(samples, rate, featureOptions);
        for (Segment s : f.speech()) {
          speech.add(new SpeechSegment(speaker, s.startS(), s.endS(), s.meanDbfs(), s.peakDbfs()));
        }
        for (Segment s : f.tones()) {
          sounds.add(new SoundSegment(speaker, SoundSegment.TONE, s.startS(), s.endS(), s.peakDbfs()));
        }
        for (Segment s : f.clipping()) {
          sounds.add(new SoundSegment(speaker, SoundSegment.CLIPPING, s.startS(), s.endS(), s.peakDbfs()));
        }
        for (LoudnessWindow w : f.loudness1s()) {
          loudness.add(new LoudnessPoint(speaker, w.startS(), w.dbfs()));
        }
        float[] asrInput = Resampler.resample(samples, rate, Transcriber.SAMPLE_RATE);
        try (Transcriber t = new Transcriber(model, speaker)) {
          words.addAll(t.transcribe(asrInput, 0.0));
        }
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof CallqaException ce) {
        throw ce;
      }
      return ProcessedCall.failed(record(task, CallRecord.FAILED, "transcription failed: " + e
          + ". This is likely a bug or a model problem; rerun with --model pointing at another Vosk model, or"
          + " report it with the file's format details.", audio));
    }
    words.sort(Comparator.comparingDouble(Word::startS));
    List<Utterance> utterances = new ArrayList<>();
    for (Speaker s : Speaker.values()) {
      utterances.addAll(Utterance.fromWords(words.stream().filter(w -> w.speaker() == s).toList()));
    }
    utterances.sort(Comparator.comparingDouble(Utterance::startS));
    return new ProcessedCall(record(task, CallRecord.OK, null, audio), List.copyOf(words), List.copyOf(utterances),
        List.copyOf(speech), List.copyOf(sounds), List.copyOf(loudness));
  }

  private CallRecord record(RecordingTask task, String status, String error, DecodedAudio audio) {
    ManifestEntry m = task.manifest();
    Integer channels = audio == null ? null : audio.info().channels();
    Integer agentChannel = channels == null || channels != 2 ? null
        : m.agentChannel() != null ? m.agentChannel() : defaultAgentChannel;
    return new CallRecord(task.callId(), task.callDate(), task.path(), task.contentSha256(), status, error,
        audio == null ? null : audio.info().durationS(), audio == null ? null : audio.info().sampleRate(),
        audio == null ? null : audio.info().encoding(), channels, agentChannel, m.agentId(), m.queue(),
        m.direction(), m.startedAt(), VoskModels.displayName(modelDir), BuildInfo.pipelineVersion(), Instant.now());
  }
}

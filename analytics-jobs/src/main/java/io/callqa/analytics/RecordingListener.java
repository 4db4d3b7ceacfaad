package io.callqa.analytics;

import io.callqa.analytics.detect.CallInput;
import io.callqa.analytics.detect.PhraseListener;
import io.callqa.audio.AudioException;
import io.callqa.audio.FeatureOptions;
import io.callqa.ingest.AsrOptions;
import io.callqa.ingest.CallqaException;
import io.callqa.ingest.PhraseSpotter;
import io.callqa.ingest.RecordingSource;
import io.callqa.ingest.Speaker;
import io.callqa.ingest.Word;
import java.io.IOException;
import java.util.List;
import org.apache.spark.util.SerializableConfiguration;

/**
 * The {@link PhraseListener} of the analytics job: reads the call's recording from {@code calls.source_path}
 * through the Hadoop FileSystem API (on the executor that analyses the call) and listens with
 * {@link PhraseSpotter}, prepared as in ingest (voice-activity regions, noise suppression). Serializable: the
 * model is loaded on each executor the first time it is needed, once ({@link io.callqa.ingest.asr.VoskModels}).
 */
final class RecordingListener implements PhraseListener {
  private static final long serialVersionUID = 1L;

  private final String modelDir;
  private final SerializableConfiguration conf;

  /**
   * @param modelDir Vosk model directory, or {@code null} for the bundled model (as ingest's {@code --model})
   */
  RecordingListener(String modelDir, SerializableConfiguration conf) {
    this.modelDir = modelDir;
    this.conf = conf;
  }

  @Override
  public List<Word> listen(CallInput call, Speaker speaker, List<String> phrases, double fromS, double toS)
      throws Unavailable {
    String path = call.sourcePath();
    String name = path.substring(path.lastIndexOf('/') + 1);
    try {
      return new PhraseSpotter(modelDir, AsrOptions.defaults(), FeatureOptions.defaults())
          .listen(RecordingSource.hadoop(path, conf.value()), name, call.channelOf(speaker), speaker, phrases, fromS,
              toS);
    } catch (IOException | AudioException e) {
      throw new Unavailable("cannot read the recording " + path + " (" + e.getMessage()
          + "); keep recordings where ingest found them until the night is analysed", e);
    } catch (CallqaException e) {
      throw e; // the model cannot be loaded: every call would fail, so the run stops (as in ingest)
    } catch (RuntimeException e) { // one call's problem must not stop the night: its transcript's verdict stands
      throw new Unavailable("the second listen failed (" + e
          + "); this is likely a bug: report it with the recording's format details", e);
    }
  }
}

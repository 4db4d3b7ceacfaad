package io.callqa.analytics.detect;

import io.callqa.ingest.Speaker;
import io.callqa.ingest.Word;
import java.io.Serializable;
import java.util.List;

/**
 * Listens to a call's recording again for known phrases (see {@link io.callqa.ingest.PhraseSpotter}): the words
 * heard on one party's channel when the recogniser may only say the phrases' words ({@code [unk]} for anything
 * else). Used by {@link ScriptChecker} for disclosures the transcript does not show.
 */
@FunctionalInterface
public interface PhraseListener extends Serializable {

  /**
   * @param speaker whose channel to listen to ({@link CallInput#channelOf}); all of a mono recording
   * @param fromS start of the stretch of the call to listen to, seconds (speech regions overlapping it are heard
   *     whole)
   * @param toS its end
   * @throws Unavailable when the recording cannot be listened to (moved, unreadable, changed)
   */
  List<Word> listen(CallInput call, Speaker speaker, List<String> phrases, double fromS, double toS)
      throws Unavailable;

  /** The recording could not be listened to; the message says why, for the user. */
  final class Unavailable extends Exception {
    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}

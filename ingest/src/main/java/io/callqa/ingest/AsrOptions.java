package io.callqa.ingest;

import java.io.Serializable;

/**
 * How recordings are fed to Vosk.
 *
 * @param gated feed only the speech regions found by voice activity (padded and merged) instead of whole
 *     channels; a stereo call's channels are silent most of the time the other party speaks
 * @param paddingS seconds of audio kept before and after each speech segment (word onsets and tails)
 * @param mergeGapS regions closer than this are fed as one, so the recogniser keeps its context
 * @param parallelChannels transcribe the two channels of a call on two threads
 * @param denoise pass each channel through a {@link io.callqa.audio.NoiseSuppressor} tuned to the channel's own
 *     background noise before the recogniser (the small model loses whole sentences in steady noise 12-17 dB
 *     below the speech; clean speech passes nearly unchanged)
 */
public record AsrOptions(boolean gated, double paddingS, double mergeGapS, boolean parallelChannels,
    boolean denoise) implements Serializable {

  public AsrOptions {
    if (paddingS < 0 || mergeGapS < 0) {
      throw new IllegalArgumentException("padding and merge gap must be >= 0");
    }
  }

  /** Gated, 0.3 s padding, regions merged across gaps under 1 s, channels in parallel, noise suppressed. */
  public static AsrOptions defaults() {
    return new AsrOptions(true, 0.3, 1.0, true, true);
  }

  /** The naive way: every whole channel through one recogniser, one channel after the other (noise suppressed). */
  public static AsrOptions ungated() {
    return new AsrOptions(false, 0, 0, false, true);
  }

  /** These options with noise suppression on or off. */
  public AsrOptions withDenoise(boolean on) {
    return new AsrOptions(gated, paddingS, mergeGapS, parallelChannels, on);
  }
}

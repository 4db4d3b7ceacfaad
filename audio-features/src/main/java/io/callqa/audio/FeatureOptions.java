package io.callqa.audio;

/**
 * Tuning of {@link AudioFeatures#extract}. All levels in dB / dBFS, all durations in seconds.
 *
 * @param minSpeechS speech segments shorter than this are dropped (clicks, breaths); default 0.15
 * @param minSilenceS pauses shorter than this do not split a speech segment (pauses between words);
 *     default 0.35
 * @param speechMarginDb a frame starts speech when it is this far above the channel's noise floor
 *     (a low percentile of the envelope); default 10
 * @param absoluteFloorDbfs ... and at least this loud, so a near-digital-silence channel does not turn
 *     hiss into speech; default -50
 * @param minToneS a tone must last at least this long (merged notes/bursts); default 0.3
 * @param hysteresisDb speech continues until the level falls this far below the start threshold;
 *     default 6
 * @param noisePercentile percentile (0..100) of the envelope taken as the noise floor; default 10
 * @param tonePeakiness mean fraction of the in-band energy that must sit in the two strongest spectral
 *     peaks over a run of frames with a stable peak for the run to count as tonal; default 0.985
 * @param toneMergeGapS tonal runs closer than this are one tone segment (note changes, DTMF gaps);
 *     default 0.3
 */
public record FeatureOptions(
    double minSpeechS,
    double minSilenceS,
    double speechMarginDb,
    double absoluteFloorDbfs,
    double minToneS,
    double hysteresisDb,
    double noisePercentile,
    double tonePeakiness,
    double toneMergeGapS) {

  public FeatureOptions {
    require(minSpeechS >= 0, "minSpeechS must be >= 0 s", minSpeechS);
    require(minSilenceS >= 0, "minSilenceS must be >= 0 s", minSilenceS);
    require(speechMarginDb > 0, "speechMarginDb must be > 0 dB", speechMarginDb);
    require(absoluteFloorDbfs <= 0 && absoluteFloorDbfs >= -100, "absoluteFloorDbfs must be in -100..0 dBFS",
        absoluteFloorDbfs);
    require(minToneS > 0, "minToneS must be > 0 s", minToneS);
    require(hysteresisDb >= 0 && hysteresisDb < speechMarginDb,
        "hysteresisDb must be >= 0 and smaller than speechMarginDb", hysteresisDb);
    require(noisePercentile >= 0 && noisePercentile <= 100, "noisePercentile must be in 0..100", noisePercentile);
    require(tonePeakiness > 0 && tonePeakiness <= 1, "tonePeakiness must be in (0, 1]", tonePeakiness);
    require(toneMergeGapS >= 0, "toneMergeGapS must be >= 0 s", toneMergeGapS);
  }

  /** Defaults tuned on telephone speech (see the parameter descriptions). */
  public static FeatureOptions defaults() {
    return new FeatureOptions(0.15, 0.35, 10.0, -50.0, 0.3, 6.0, 10.0, 0.985, 0.3);
  }

  private static void require(boolean ok, String rule, double value) {
    if (!ok) {
      throw new IllegalArgumentException("invalid feature option: " + rule + ", got " + value);
    }
  }
}

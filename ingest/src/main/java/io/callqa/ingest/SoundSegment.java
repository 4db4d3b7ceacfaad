package io.callqa.ingest;

import java.io.Serializable;

/**
 * A span of non-speech sound on one channel: {@link #TONE} (hold music, DTMF, beeps) or {@link #CLIPPING}.
 */
public record SoundSegment(Speaker speaker, String kind, double startS, double endS, double peakDbfs)
    implements Serializable {
  public static final String TONE = "tone";
  public static final String CLIPPING = "clipping";
}

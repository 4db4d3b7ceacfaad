package io.callqa.audio;

/**
 * A time span of one channel.
 *
 * @param startS start, seconds from the start of the recording
 * @param endS end (exclusive), seconds from the start of the recording; {@code endS > startS}
 * @param meanDbfs mean power over the span, dBFS (a full-scale sine is -3 dBFS; floor -100)
 * @param peakDbfs largest absolute sample in the span, dBFS (full scale = 0; floor -100)
 */
public record Segment(double startS, double endS, double meanDbfs, double peakDbfs) {

  /** Length in seconds. */
  public double durationS() {
    return endS - startS;
  }

  /** True when this span and [startS, endS) share some time. */
  public boolean overlaps(double otherStartS, double otherEndS) {
    return startS < otherEndS && otherStartS < endS;
  }
}

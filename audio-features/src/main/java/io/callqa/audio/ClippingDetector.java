package io.callqa.audio;

import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.AudioProcessor;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds clipping relative to the channel's own ceiling: runs of at least {@code minRun} consecutive
 * samples at the channel's largest absolute value (within {@code tolerance}), reported only when that
 * ceiling reaches {@code minCeiling} (near full scale). Runs less than {@code mergeGap} samples apart are
 * merged, and each merged span is measured (mean and peak level) on the fly, so no samples are kept.
 *
 * <p>Why relative: a hard-clipped signal sits at the largest value the format can hold, which is not
 * 1.0 for every format. G.711 decodes to at most 32124/32768 = 0.980 (mu-law) and 32256/32768 = 0.984
 * (A-law), so a signal clipped before encoding never reaches 0.99; PCM16 clips at 32767/32768 or -1.
 * Flat tops are exactly equal samples, while the peak of clean loud speech is a single sample (or two)
 * with its neighbours well below it, so a run of 3 at the ceiling is clipping and clean loud speech is not.
 *
 * <p>Streaming: the ceiling is the running maximum; when a sample exceeds it by more than the tolerance,
 * everything found at the lower ceiling is discarded (it was not at the channel's maximum after all).
 * Expects contiguous non-overlapping buffers in order; runs that cross buffer boundaries are joined.
 */
final class ClippingDetector implements AudioProcessor {

  private final float minCeiling;
  private final float tolerance;
  private final int minRun;
  private final long mergeGap;
  private final int sampleRate;
  private final List<Segment> segments = new ArrayList<>();
  private long position;
  // the running ceiling: samples with |x| >= ceiling - tolerance are at the ceiling
  private float ceiling;

  // the clipped run in progress: start sample, power sum and peak since its start
  private long runStart = -1;
  private double runSum;
  private float runPeak;

  // the merged span still open to merging: [groupFrom, groupTo), its power sum and peak
  private long groupFrom = -1;
  private long groupTo;
  private double groupSum;
  private float groupPeak;
  // power sum and peak of the samples since groupTo (they join the group if the next run merges)
  private double gapSum;
  private float gapPeak;

  ClippingDetector(float minCeiling, float tolerance, int minRun, long mergeGap, int sampleRate) {
    this.minCeiling = minCeiling;
    this.tolerance = tolerance;
    this.minRun = minRun;
    this.mergeGap = mergeGap;
    this.sampleRate = sampleRate;
  }

  @Override
  public boolean process(AudioEvent event) {
    for (float v : event.getFloatBuffer()) {
      float a = Math.abs(v);
      double p = (double) v * v;
      if (a > ceiling + tolerance) {
        // a new ceiling: runs at the old one were not at the channel's maximum
        ceiling = a;
        segments.clear();
        runStart = -1;
        groupFrom = -1;
      }
      boolean clipped = ceiling >= minCeiling && a >= ceiling - tolerance;
      if (!clipped && runStart >= 0) {
        closeRun(position);
      }
      if (clipped && runStart < 0) {
        runStart = position;
        runSum = 0;
        runPeak = 0;
        if (groupFrom >= 0 && position - groupTo >= mergeGap) {
          closeGroup();
        }
      }
      if (runStart >= 0) {
        runSum += p;
        runPeak = Math.max(runPeak, a);
      }
      if (groupFrom >= 0) {
        gapSum += p;
        gapPeak = Math.max(gapPeak, a);
      }
      position++;
    }
    return true;
  }

  private void closeRun(long end) {
    if (end - runStart >= minRun) {
      if (groupFrom >= 0 && runStart - groupTo < mergeGap) {
        // gapSum covers groupTo..end, which includes this run
        groupSum += gapSum;
        groupPeak = Math.max(groupPeak, gapPeak);
      } else {
        if (groupFrom >= 0) {
          closeGroup();
        }
        groupFrom = runStart;
        groupSum = runSum;
        groupPeak = runPeak;
      }
      groupTo = end;
      gapSum = 0;
      gapPeak = 0;
    }
    runStart = -1;
  }

  private void closeGroup() {
    segments.add(new Segment(groupFrom / (double) sampleRate, groupTo / (double) sampleRate,
        Levels.powerToDbfs(groupSum / (groupTo - groupFrom)), Levels.amplitudeToDbfs(groupPeak)));
    groupFrom = -1;
  }

  @Override
  public void processingFinished() {
    if (runStart >= 0) {
      closeRun(position);
    }
    if (groupFrom >= 0) {
      closeGroup();
    }
  }

  /**
   * The merged clipping spans, in order (complete after {@link #processingFinished()}); empty when the
   * channel's ceiling stays below the minimum ceiling.
   */
  List<Segment> segments() {
    return ceiling >= minCeiling ? List.copyOf(segments) : List.of();
  }

  /** Largest absolute sample seen so far (within the tolerance). */
  float ceiling() {
    return ceiling;
  }
}

package io.callqa.audio;

import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.AudioProcessor;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds runs of at least {@code minRun} consecutive samples with {@code |x| >= threshold}, merges runs
 * less than {@code mergeGap} samples apart, and measures each merged span (mean and peak level) on the
 * fly, so no samples are kept. Expects contiguous non-overlapping buffers in order; runs that cross
 * buffer boundaries are joined.
 */
final class ClippingDetector implements AudioProcessor {

  private final float threshold;
  private final int minRun;
  private final long mergeGap;
  private final int sampleRate;
  private final List<Segment> segments = new ArrayList<>();
  private long position;

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

  ClippingDetector(float threshold, int minRun, long mergeGap, int sampleRate) {
    this.threshold = threshold;
    this.minRun = minRun;
    this.mergeGap = mergeGap;
    this.sampleRate = sampleRate;
  }

  @Override
  public boolean process(AudioEvent event) {
    for (float v : event.getFloatBuffer()) {
      float a = Math.abs(v);
      double p = (double) v * v;
      boolean clipped = a >= threshold;
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

  /** The merged clipping spans, in order (complete after {@link #processingFinished()}). */
  List<Segment> segments() {
    return List.copyOf(segments);
  }
}

package io.callqa.audio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Energy-based voice activity with an adaptive threshold and hysteresis, over a 10 ms envelope.
 *
 * <ol>
 *   <li>The envelope is smoothed over 3 hops (30 ms).
 *   <li>Noise floor = the {@link FeatureOptions#noisePercentile()} percentile of the smoothed envelope.
 *   <li>Speech starts where the level reaches {@code on = max(floor + speechMarginDb, absoluteFloorDbfs)}
 *       and extends, backwards and forwards, while it stays above {@code off = on - hysteresisDb}.
 *   <li>Hops inside tone segments are never speech, and pauses containing them are never bridged.
 *   <li>Pauses shorter than {@code minSilenceS} are bridged; segments shorter than {@code minSpeechS}
 *       are then dropped.
 * </ol>
 */
final class VoiceActivityDetector {

  private VoiceActivityDetector() {}

  /** Noise floor, dBFS, of a smoothed envelope. */
  static double noiseFloor(float[] smoothedDbfs, double percentile) {
    if (smoothedDbfs.length == 0) {
      return -100;
    }
    float[] sorted = smoothedDbfs.clone();
    Arrays.sort(sorted);
    int idx = (int) Math.min(sorted.length - 1, Math.floor(percentile / 100.0 * sorted.length));
    return sorted[idx];
  }

  static List<HopSpan> detect(FloatSeries hopPower, boolean[] tonal, FeatureOptions o, double hopS) {
    int n = hopPower.size();
    float[] level = new float[n];
    for (int k = 0; k < n; k++) {
      double sum = 0;
      int cnt = 0;
      for (int j = Math.max(0, k - 1); j <= Math.min(n - 1, k + 1); j++) {
        sum += hopPower.get(j);
        cnt++;
      }
      level[k] = (float) Levels.powerToDbfs(sum / cnt);
    }
    double floor = noiseFloor(level, o.noisePercentile());
    double on = Math.max(floor + o.speechMarginDb(), o.absoluteFloorDbfs());
    double off = on - o.hysteresisDb();

    List<HopSpan> raw = new ArrayList<>();
    int k = 0;
    while (k < n) {
      if (tonal[k] || level[k] < on) {
        k++;
        continue;
      }
      int start = k;
      int lowerBound = raw.isEmpty() ? 0 : raw.get(raw.size() - 1).to();
      while (start > lowerBound && !tonal[start - 1] && level[start - 1] >= off) {
        start--;
      }
      int end = k;
      while (end < n && !tonal[end] && level[end] >= off) {
        end++;
      }
      raw.add(new HopSpan(start, end));
      k = end;
    }

    int minSilence = (int) Math.round(o.minSilenceS() / hopS);
    List<HopSpan> bridged = new ArrayList<>();
    for (HopSpan s : raw) {
      HopSpan last = bridged.isEmpty() ? null : bridged.get(bridged.size() - 1);
      if (last != null && s.from() - last.to() < minSilence && !anyTonal(tonal, last.to(), s.from())) {
        bridged.set(bridged.size() - 1, new HopSpan(last.from(), s.to()));
      } else {
        bridged.add(s);
      }
    }
    int minSpeech = (int) Math.round(o.minSpeechS() / hopS);
    bridged.removeIf(s -> s.length() < minSpeech);
    return bridged;
  }

  private static boolean anyTonal(boolean[] tonal, int from, int to) {
    for (int k = from; k < to; k++) {
      if (tonal[k]) {
        return true;
      }
    }
    return false;
  }
}

package io.callqa.audio;

import java.util.List;

/**
 * Features of one channel, as computed by {@link AudioFeatures#extract}.
 *
 * @param hopS time step of {@code envelopeDbfs}, seconds (0.010)
 * @param envelopeDbfs RMS level of each hop {@code [k * hopS, (k + 1) * hopS)}, dBFS, floor -100
 * @param speech voice-activity segments, sorted, non-overlapping; never inside a tone segment
 * @param tones steady tonal sound (hold music, DTMF, beeps), sorted, non-overlapping; not speech
 * @param clipping runs of at least 3 consecutive samples at the channel's largest |x| (within 1/4096),
 *     when that largest value is at least 0.9 of full scale; merged when less than 0.2 s apart
 * @param loudness1s RMS level of 1-second windows starting every 0.25 s
 * @param noise the steady background noise (spectrum of the quietest frames), for {@link NoiseSuppressor}
 */
public record ChannelFeatures(
    double hopS,
    float[] envelopeDbfs,
    List<Segment> speech,
    List<Segment> tones,
    List<Segment> clipping,
    List<LoudnessWindow> loudness1s,
    NoiseProfile noise) {

  public ChannelFeatures {
    speech = List.copyOf(speech);
    tones = List.copyOf(tones);
    clipping = List.copyOf(clipping);
    loudness1s = List.copyOf(loudness1s);
  }

  /** Total speech time, seconds. */
  public double speechS() {
    return speech.stream().mapToDouble(Segment::durationS).sum();
  }
}

package io.callqa.audio;

/**
 * A decoded recording.
 *
 * @param info what the recording is; {@code info.frames()} equals the length of every channel array
 * @param channels samples as floats, nominally in [-1, 1] (float WAV files may exceed it), indexed
 *     {@code channels[channel][frame]}; channel 0 is the left channel of a stereo file
 */
public record DecodedAudio(AudioInfo info, float[][] channels) {

  /** Number of channels (same as {@code info().channels()}). */
  public int channelCount() {
    return channels.length;
  }
}

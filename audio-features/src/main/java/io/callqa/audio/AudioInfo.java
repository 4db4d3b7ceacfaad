package io.callqa.audio;

/**
 * What a recording is, as found in its header (or reported by ffmpeg).
 *
 * @param encoding one of {@code pcm_u8, pcm_s16le, pcm_s24le, pcm_s32le, pcm_f32le, pcm_f64le, mulaw, alaw}
 *     for natively decoded WAV files, or {@code ffmpeg:<codec name>} for files decoded through ffmpeg
 * @param sampleRate frames per second (Hz)
 * @param channels number of channels, at least 1
 * @param bitsPerSample bits per sample in the source (8 for G.711; 32 for ffmpeg-decoded audio, which
 *     arrives as 32-bit float)
 * @param frames number of sample frames actually decoded (one sample per channel each)
 */
public record AudioInfo(String encoding, int sampleRate, int channels, int bitsPerSample, long frames) {

  /** Duration in seconds of the decoded audio. */
  public double durationS() {
    return frames / (double) sampleRate;
  }
}

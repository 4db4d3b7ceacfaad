package io.callqa.audio;

/**
 * Loudness of one 1-second window.
 *
 * @param startS window start, seconds from the start of the recording (windows start every 0.25 s)
 * @param dbfs RMS level over the window, dBFS (floor -100)
 */
public record LoudnessWindow(double startS, double dbfs) {}

package io.callqa.ingest;

import java.io.Serializable;

/** Loudness (dBFS) of the 1-second window of one speaker's channel starting at {@code startS}. */
public record LoudnessPoint(Speaker speaker, double startS, double dbfs) implements Serializable {}

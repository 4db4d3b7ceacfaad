package io.callqa.ingest;

import java.io.Serializable;

/** A span of one speaker's channel with voice activity (seconds from the start; loudness in dBFS). */
public record SpeechSegment(Speaker speaker, double startS, double endS, double meanDbfs, double peakDbfs)
    implements Serializable {}

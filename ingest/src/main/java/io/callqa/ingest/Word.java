package io.callqa.ingest;

import java.io.Serializable;

/** One recognised word. Times are seconds from the start of the recording; confidence in [0, 1]. */
public record Word(Speaker speaker, double startS, double endS, String word, double confidence, boolean redacted)
    implements Serializable {}

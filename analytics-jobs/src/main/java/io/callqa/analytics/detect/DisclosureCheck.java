package io.callqa.analytics.detect;

import java.io.Serializable;

/**
 * The outcome of one applicable disclosure on one call (a row of {@code disclosure_checks}).
 *
 * @param foundAtS start of the matched words, seconds; {@code null} when not found
 * @param matchedText the recognised words that matched (the audit trail), {@code null} when not found
 * @param similarity best alignment similarity in [0, 1] (also when below the threshold, for audit)
 */
public record DisclosureCheck(String disclosureId, String requiredSpeaker, boolean found, Double foundAtS,
    String matchedText, double similarity, boolean inWindow) implements Serializable {}

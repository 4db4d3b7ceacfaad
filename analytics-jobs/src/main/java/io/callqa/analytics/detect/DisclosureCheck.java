package io.callqa.analytics.detect;

import java.io.Serializable;

/**
 * The outcome of one applicable disclosure on one call (a row of {@code disclosure_checks}).
 *
 * @param foundAtS start of the matched words, seconds; {@code null} when not found
 * @param matchedText the recognised words that matched (the audit trail), {@code null} when not found
 * @param similarity best alignment similarity in [0, 1] (also when below the threshold, for audit)
 * @param foundBy {@link #TRANSCRIPT} or {@link #SECOND_LISTEN}; {@code null} when not found
 * @param note what the second listen found when it did not find the disclosure (for the missing event), or
 *     {@code null}
 */
public record DisclosureCheck(String disclosureId, String requiredSpeaker, boolean found, Double foundAtS,
    String matchedText, double similarity, boolean inWindow, String foundBy, String note) implements Serializable {
  /** Found in the words of the transcript. */
  public static final String TRANSCRIPT = "transcript";
  /** Found by listening to the recording again for the phrasings ({@link PhraseListener}). */
  public static final String SECOND_LISTEN = "second_listen";
}

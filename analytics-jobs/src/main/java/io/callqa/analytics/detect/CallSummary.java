package io.callqa.analytics.detect;

import java.io.Serializable;
import java.util.Map;

/**
 * One row of {@code call_summary}. Per-party fields are {@code null} on mono calls (not measurable).
 *
 * @param eventCounts count per event type (every type in {@link Event#TYPES}); null values for
 *     {@link CallAnalyzer#PER_PARTY_TYPES} on mono calls
 * @param eventSeconds total duration per event type
 * @param qaScore max(0, 100 - sum of qa_score.weights x counts)
 */
public record CallSummary(double durationS, Double agentTalkS, Double customerTalkS, Double agentTalkShare,
    Double customerTalkShare, double nonTalkS, Double agentWpm, Double customerWpm, Integer turnCount,
    Double longestMonologueS, String longestMonologueSpeaker, Double avgResponseGapS, boolean greetingComplete,
    String greetingMissing, boolean closingComplete, String closingMissing, int disclosuresApplicable,
    int disclosuresMissing, Map<String, Integer> eventCounts, Map<String, Double> eventSeconds, double qaScore)
    implements Serializable {}

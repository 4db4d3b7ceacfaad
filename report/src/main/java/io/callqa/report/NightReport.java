package io.callqa.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything the nightly report shows, already aggregated and bounded: the small per-night result that
 * {@link NightReportReader} collects from the tables and {@link HtmlReport} renders. Pure data, no Spark.
 *
 * @param date the night ({@code call_date})
 * @param output the output root the tables were read from
 * @param generatedAt when the report was made
 * @param rulesVersions distinct {@code rules_version} values of the night's summaries (usually one)
 * @param totals the headline numbers
 * @param eventsByType events of the night per {@code event_type}, every known type (zero counts included)
 *     followed by any other type present, in {@code Event.TYPES} order
 * @param histograms duration and score distributions
 * @param flagged the most severe flagged calls, most severe first (at most {@code --top})
 * @param flaggedTotal how many calls are flagged in all ({@code > flagged.size()} when truncated)
 * @param disclosures compliance per disclosure rule
 * @param agents the night's {@code agent_daily} rows, worst average QA score first (bounded)
 * @param agentsTotal number of agent rows in all
 * @param failed failed recordings (bounded)
 * @param failedTotal number of failed recordings in all
 */
public record NightReport(LocalDate date, String output, Instant generatedAt, List<String> rulesVersions,
    Totals totals, List<TypeCount> eventsByType, List<Histogram> histograms, List<FlaggedCall> flagged,
    long flaggedTotal, List<DisclosureRule> disclosures, List<AgentRow> agents, long agentsTotal,
    List<FailedCall> failed, long failedTotal) {

  public NightReport {
    rulesVersions = List.copyOf(rulesVersions);
    eventsByType = List.copyOf(eventsByType);
    histograms = List.copyOf(histograms);
    flagged = List.copyOf(flagged);
    disclosures = List.copyOf(disclosures);
    agents = List.copyOf(agents);
    failed = List.copyOf(failed);
  }

  /**
   * Headline numbers.
   *
   * @param avgQaScore mean {@code qa_score} of the analysed calls, null when none was analysed
   */
  public record Totals(long calls, long ok, long failed, double audioSeconds, long analysed, Double avgQaScore,
      long events) {}

  /** Number and total seconds of one event type. */
  public record TypeCount(String type, long count, double seconds) {}

  /** A distribution in fixed bins; {@code bins} in display order. */
  public record Histogram(String id, String title, String axisLabel, List<Bin> bins) {
    public Histogram {
      bins = List.copyOf(bins);
    }

    public long total() {
      return bins.stream().mapToLong(Bin::count).sum();
    }
  }

  /** One bin of a histogram. */
  public record Bin(String label, long count) {}

  /**
   * A flagged call. Severity order: lowest {@code qa_score} first, then most {@code high} events, then most
   * {@code medium} events, then {@code call_id}.
   *
   * @param file the recording's file name (last part of {@code source_path})
   * @param events the call's events, highest severity first then by time (at most {@link
   *     NightReportReader#MAX_EVENTS_PER_CALL})
   * @param eventsTotal number of events of the call in all
   */
  public record FlaggedCall(String callId, String file, String agentId, String queue, Double durationS,
      double qaScore, long high, long medium, long low, List<FlaggedEvent> events, long eventsTotal) {
    public FlaggedCall {
      events = List.copyOf(events);
    }
  }

  /**
   * One event of a flagged call.
   *
   * @param startS seconds from the start of the recording, null for call-level events
   * @param snippet the words heard around the event, in time order (empty for call-level events)
   */
  public record FlaggedEvent(String type, String severity, String speaker, String interrupter, Double startS,
      Double endS, String detail, List<SnippetWord> snippet) {
    public FlaggedEvent {
      snippet = List.copyOf(snippet);
    }
  }

  /**
   * A word of a transcript snippet.
   *
   * @param word the recognised word; rendered as {@code [REDACTED]} when {@code redacted}
   * @param inEvent whether the word lies inside the event's span (highlighted)
   */
  public record SnippetWord(String speaker, double startS, String word, boolean redacted, boolean inEvent) {}

  /**
   * Compliance of one disclosure rule over the night: {@code applicable = inWindow + late + missing};
   * {@code bySecondListen} of the found ones (in window or late) only the second listen found.
   */
  public record DisclosureRule(String disclosureId, String requiredSpeaker, long applicable, long inWindow,
      long late, long missing, long bySecondListen) {}

  /** One {@code agent_daily} row (agent null: calls without an agent id). */
  public record AgentRow(String agentId, long calls, Double totalDurationS, Double avgQaScore,
      Double avgAgentTalkShare, Double avgAgentWpm, long greetingComplete, long closingComplete,
      long disclosuresMissing, long deadAir, long overTalk, long raisedVoice, long longHold) {}

  /** A recording that could not be processed. */
  public record FailedCall(String file, String error) {}
}

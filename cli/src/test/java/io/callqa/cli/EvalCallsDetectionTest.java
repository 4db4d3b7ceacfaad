package io.callqa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acoustic detectors on specific calls of the labelled evaluation set (eval/, ground truth computed by
 * eval/generate_eval.py from the call scripts), through the real pipeline: Vosk, features, Spark, Parquet.
 * Six calls cover every acoustic event type and both parties: over-talk by the customer and by the agent (with a
 * short overlap that must not count), raised voices of agent and customer (with +2-4 dB bumps that must not),
 * dead air on stereo and mono calls (with 1-4.5 s pauses that must not), and a hold with chord music.
 * A label is found when an event of the same type and party overlaps it by at least half of the shorter of the
 * two (the evaluation benchmark's rule); an event of these types on these calls that matches no label fails.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvalCallsDetectionTest {
  private static final List<String> CALLS = List.of("e04_overtalk_customer", "e06_raised_agent_dead_air",
      "e12_pcm8k_overtalk_both", "e13_pcm8k_raised_both", "e15_alaw_dead_air_twice_hold", "e19_mono_dead_air");
  private static final Set<String> TYPES = Set.of("dead_air", "hold", "over_talk", "raised_voice");
  /** Types whose party is labelled (interrupter, raised speaker); a hold's speaker is the agent who placed it. */
  private static final Set<String> PER_PARTY = Set.of("over_talk", "raised_voice");

  /** A labelled or detected event; party: the interrupter or raised speaker (events' speaker column otherwise). */
  record Event(String call, String type, double start, double end, String party) {
    boolean matches(Event o) {
      double overlap = Math.min(end, o.end) - Math.max(start, o.start);
      double shorter = Math.min(end - start, o.end - o.start);
      return call.equals(o.call) && type.equals(o.type) && overlap > 0 && overlap >= 0.5 * shorter
          && (!PER_PARTY.contains(type) || java.util.Objects.equals(party, o.party));
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%s %s %.2f-%.2f s%s", call, type, start, end,
          party == null ? "" : " by " + party);
    }
  }

  private final List<Event> labels = new ArrayList<>();
  private final List<Event> detected = new ArrayList<>();
  private int exitCode;

  @BeforeAll
  void runTheSixCalls(@TempDir Path tmp) throws Exception {
    Path root = SampleNightEndToEndTest.repoRoot();
    Path out = tmp.resolve("out");
    exitCode = EvalSubset.run(tmp, CALLS);
    for (JsonNode c : new ObjectMapper().readTree(root.resolve("eval/labels.json").toFile()).path("calls")) {
      String call = c.path("file").asText().replace(".wav", "");
      if (!CALLS.contains(call)) {
        continue;
      }
      for (JsonNode e : c.path("events")) {
        if (TYPES.contains(e.path("type").asText())) {
          String party = e.path("interrupter").asText(e.path("speaker").asText(null));
          labels.add(new Event(call, e.path("type").asText(), e.path("start_s").asDouble(),
              e.path("end_s").asDouble(), party));
        }
      }
    }
    try (SparkSession spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false")
        .getOrCreate()) {
      for (Row r : spark.sql("SELECT regexp_extract(c.source_path, '([^/]+)\\\\.wav$', 1), e.event_type, e.start_s,"
          + " e.end_s, coalesce(e.interrupter, e.speaker) FROM parquet.`" + out.resolve("events") + "` e JOIN"
          + " parquet.`" + out.resolve("calls") + "` c USING (call_id)").collectAsList()) {
        if (TYPES.contains(r.getString(1))) {
          detected.add(new Event(r.getString(0), r.getString(1), r.getDouble(2), r.getDouble(3), r.getString(4)));
        }
      }
    }
  }

  @Test
  void everyCallIsIngested() {
    assertThat(exitCode).isZero();
    assertThat(labels).as("labels of the six calls").hasSize(11);
  }

  @Test
  void everyLabelledEventIsFoundWithTheRightPartyAndTime() {
    List<Event> missed = labels.stream().filter(l -> detected.stream().noneMatch(l::matches)).toList();
    assertThat(missed).as("labelled events not detected (detected: %s)", detected).isEmpty();
  }

  @Test
  void nothingElseIsFlagged() {
    // the near misses on these calls: a 0.8 s overlap, +2-4 dB bumps, pauses up to 4.5 s
    List<Event> falseAlarms = detected.stream().filter(d -> labels.stream().noneMatch(d::matches)).toList();
    assertThat(falseAlarms).as("detections that match no label").isEmpty();
  }

  @Test
  void monoCallsHaveNoPartyForTheirEvents() {
    assertThat(detected.stream().filter(d -> d.call().contains("mono"))).isNotEmpty()
        .allSatisfy(d -> assertThat(d.party()).isNull());
  }
}

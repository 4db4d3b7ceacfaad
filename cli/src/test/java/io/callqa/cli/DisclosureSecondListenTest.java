package io.callqa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disclosure checks through the real pipeline on four evaluation calls (eval/): the recording notice said under
 * noise on a line where the transcript garbles it (e08 pink noise, e28 brown noise: found, by the second listen
 * where the transcript misses it), never said (e34, under noise) and a near miss on a clean line (e33, "I have
 * recorded your new phone number for the quality team"): both reported missing. Then the recording of e28 is
 * moved away and only the analytics rerun: e28 is missing again, and the event says why the second listen could
 * not confirm it.
 */
@Tag("slow")
class DisclosureSecondListenTest {
  private static final List<String> CALLS = List.of("e08_hold_silent_announced", "e28_notice_noise42_awb",
      "e33_no_notice_recorded_near_miss", "e34_no_notice_noise40_kal_policy");

  /** file name -> {found, found_by, missing event detail} of the recording notice. */
  private static Map<String, String[]> notices(Path out) throws Exception {
    Map<String, String[]> m = new HashMap<>();
    try (SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false")
        .getOrCreate()) {
      for (Row r : spark.sql("SELECT regexp_extract(c.source_path, '[^/]+$', 0), d.found, d.found_by, e.detail"
          + " FROM parquet.`" + out.resolve("disclosure_checks") + "` d JOIN parquet.`" + out.resolve("calls")
          + "` c USING (call_id) LEFT JOIN (SELECT * FROM parquet.`" + out.resolve("events")
          + "` WHERE event_type = 'missing_disclosure') e USING (call_id)"
          + " WHERE d.disclosure_id = 'recording_notice'").collectAsList()) {
        m.put(r.getString(0).replace(".wav", ""), new String[] {String.valueOf(r.getBoolean(1)), r.getString(2),
            r.getString(3)});
      }
    }
    return m;
  }

  @Test
  void noticesGarbledByNoiseAreFoundAndAbsentOnesStayMissing(@TempDir Path tmp) throws Exception {
    assertThat(EvalSubset.run(tmp, CALLS)).isZero();
    Path out = tmp.resolve("out");
    Path in = tmp.resolve("calls");
    String rules = SampleNightEndToEndTest.repoRoot().resolve("examples/rules.yaml").toString();
    Map<String, String[]> n = notices(out);
    n.forEach((k, v) -> System.out.println(k + " " + String.join(" | ", java.util.Arrays.asList(v))));
    assertThat(n).containsOnlyKeys(CALLS);
    assertThat(n.get("e08_hold_silent_announced")[0]).isEqualTo("true");
    assertThat(n.get("e28_notice_noise42_awb")).containsExactly("true", "second_listen", null);
    assertThat(n.get("e33_no_notice_recorded_near_miss")[0]).isEqualTo("false");
    assertThat(n.get("e33_no_notice_recorded_near_miss")[2]).contains("not heard on a second listen either");
    assertThat(n.get("e34_no_notice_noise40_kal_policy")[0]).isEqualTo("false");

    // the recording is gone by the time the analytics are rerun: the transcript's verdict, and why
    Files.move(in.resolve("e28_notice_noise42_awb.wav"), tmp.resolve("moved.wav"));
    assertThat(Main.execute("analyze", "--output", out.toString(), "--rules", rules, "--master", "local[2]"))
        .isZero();
    String[] e28 = notices(out).get("e28_notice_noise42_awb");
    assertThat(e28[0]).isEqualTo("false");
    assertThat(e28[2]).contains("no second listen: cannot read the recording").contains("e28_notice_noise42_awb.wav");
  }
}

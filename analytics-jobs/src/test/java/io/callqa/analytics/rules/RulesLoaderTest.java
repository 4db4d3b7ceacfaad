package io.callqa.analytics.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callqa.ingest.CallqaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RulesLoaderTest {
  private static final Path DEFAULT = io.callqa.analytics.detect.CallsAccess.repoRoot().resolve("examples/rules.yaml");

  @Test
  void defaultRulesCarrySpecDefaults() {
    Rules r = RulesLoader.load(DEFAULT);
    assertThat(r.deadAir().minDurationS()).isEqualTo(5.0);
    assertThat(r.overTalk().minOverlapS()).isEqualTo(1.0);
    assertThat(r.raisedVoice().minDbAboveMedian()).isEqualTo(8.0);
    assertThat(r.raisedVoice().minDurationS()).isEqualTo(1.5);
    assertThat(r.hold().longHoldS()).isEqualTo(120.0);
    assertThat(r.disclosures()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(r.version()).hasSize(16);
  }

  @Test
  void anyChangeChangesTheVersion() throws IOException {
    String text = Files.readString(DEFAULT);
    String v1 = RulesLoader.parse(text, "a").version();
    String v2 = RulesLoader.parse(text.replace("min_duration_s: 5.0", "min_duration_s: 4.0"), "b").version();
    assertThat(v1).isNotEqualTo(v2);
  }

  @Test
  void unknownKeyIsReportedWithItsPathAndLine() throws IOException {
    String text = Files.readString(DEFAULT).replace("long_hold_s:", "long_hold_seconds:");
    int line = java.util.Arrays.asList(text.split("\n")).indexOf("  long_hold_seconds: 120.0") + 1;
    assertThat(line).isPositive();
    assertThatThrownBy(() -> RulesLoader.parse(text, "rules.yaml")).isInstanceOf(CallqaException.class)
        .hasMessageContaining("hold.long_hold_seconds").hasMessageContaining("(line " + line + ")");
  }

  @Test
  void badValuesAreAllListed() throws IOException {
    String text = Files.readString(DEFAULT).replace("min_duration_s: 5.0", "min_duration_s: -1")
        .replace("speaker: agent\n    phrasings", "speaker: supervisor\n    phrasings");
    assertThatThrownBy(() -> RulesLoader.parse(text, "rules.yaml"))
        .hasMessageContaining("dead_air.min_duration_s must be a positive number")
        .hasMessageContaining(".speaker must be agent or customer");
  }

  @Test
  void brokenYamlAndMissingSectionsAreClear() {
    assertThatThrownBy(() -> RulesLoader.parse("dead_air: [unclosed", "r.yaml")).hasMessageContaining("r.yaml")
        .hasMessageContaining("line");
    assertThatThrownBy(() -> RulesLoader.parse("dead_air:\n  min_duration_s: 5\n", "r.yaml"))
        .hasMessageContaining("missing section 'hold'");
  }

  @Test
  void secondListenIsOnByDefaultAndItsSimilarityIsChecked() throws IOException {
    String text = Files.readString(DEFAULT);
    assertThat(RulesLoader.parse(text, "r").secondListen()).isEqualTo(new Rules.SecondListen(true, 0.8));
    int from = text.indexOf("second_listen:");
    int to = text.indexOf("forbidden_phrases:");
    String without = text.substring(0, from) + text.substring(to);
    assertThat(RulesLoader.parse(without, "r").secondListen()).as("left out").isEqualTo(Rules.SecondListen.DEFAULT);
    String partial = text.substring(0, from) + "second_listen:\n  min_similarity: 0.9\n\n" + text.substring(to);
    assertThat(RulesLoader.parse(partial, "r").secondListen()).isEqualTo(new Rules.SecondListen(true, 0.9));
    String off = text.replace("  enabled: true ", "  enabled: false");
    assertThat(RulesLoader.parse(off, "r").secondListen().enabled()).isFalse();
    String bad = text.replace("  min_similarity: 0.8 ", "  min_similarity: 1.5");
    assertThatThrownBy(() -> RulesLoader.parse(bad, "rules.yaml"))
        .hasMessageContaining("second_listen.min_similarity must be in (0, 1], was 1.5");
  }

  @Test
  void overTalkBackgroundLevelIsOptional() throws IOException {
    String text = Files.readString(DEFAULT);
    assertThat(RulesLoader.parse(text, "r").overTalk().backgroundDb()).isEqualTo(10.0);
    String without = text.replaceAll("(?m)^  background_db:.*\n(^ {31}#.*\n)*", "");
    assertThat(without).doesNotContain("background_db");
    assertThat(RulesLoader.parse(without, "r").overTalk().backgroundDb())
        .isEqualTo(Rules.OverTalk.DEFAULT_BACKGROUND_DB);
    assertThatThrownBy(() -> RulesLoader.parse(text.replace("background_db: 10.0", "background_db: -3"), "r"))
        .hasMessageContaining("over_talk.background_db must be a positive number");
  }
}

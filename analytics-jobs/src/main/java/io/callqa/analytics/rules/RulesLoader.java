package io.callqa.analytics.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.callqa.ingest.CallqaException;
import io.callqa.ingest.Hashing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads and validates a rules file; every problem is reported with the key (and line, where known). */
public final class RulesLoader {
  private static final Set<String> SPEAKERS = Set.of("agent", "customer");
  private static final Set<String> APPLIES_TO_KEYS = Set.of("queue", "direction", "agent_id");

  private RulesLoader() {}

  public static Rules load(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw CallqaException.rules(file.toString(), "cannot read it (" + e.getMessage()
          + "); pass --rules with a readable YAML file, e.g. examples/rules.yaml");
    }
    return parse(new String(bytes, StandardCharsets.UTF_8), file.toString());
  }

  /** Parses rules text; {@code name} is used in messages. */
  public static Rules parse(String yaml, String name) {
    ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    Rules raw;
    try {
      raw = mapper.readValue(yaml, Rules.class);
    } catch (JsonMappingException e) {
      throw CallqaException.rules(name, describe(e, yaml));
    } catch (JsonProcessingException e) {
      throw CallqaException.rules(name, "not valid YAML: " + e.getOriginalMessage() + location(e));
    }
    if (raw == null) {
      throw CallqaException.rules(name, "it is empty");
    }
    String version = Hashing.sha256Hex(yaml).substring(0, 16);
    Rules.OverTalk overTalk = raw.overTalk() == null || raw.overTalk().backgroundDb() != null ? raw.overTalk()
        : new Rules.OverTalk(raw.overTalk().minOverlapS(), raw.overTalk().backchannels(),
            Rules.OverTalk.DEFAULT_BACKGROUND_DB);
    Rules rules = new Rules(version, raw.deadAir(), raw.hold(), overTalk, raw.raisedVoice(), raw.greeting(),
        raw.closing(), raw.disclosures() == null ? List.of() : raw.disclosures(),
        raw.forbiddenPhrases() == null ? List.of() : raw.forbiddenPhrases(), raw.qaScore(),
        secondListen(raw.secondListen()));
    List<String> problems = validate(rules);
    if (!problems.isEmpty()) {
      throw CallqaException.rules(name, String.join("; ", problems));
    }
    return rules;
  }

  private static Rules.SecondListen secondListen(Rules.SecondListen s) {
    Rules.SecondListen d = Rules.SecondListen.DEFAULT;
    return s == null ? d : new Rules.SecondListen(s.enabled() == null ? d.enabled() : s.enabled(),
        s.minSimilarity() == null ? d.minSimilarity() : s.minSimilarity());
  }

  private static String describe(JsonMappingException e, String yaml) {
    StringBuilder path = new StringBuilder();
    List<String> keys = new ArrayList<>();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
        keys.add(r.getFieldName());
      } else {
        path.append('[').append(r.getIndex()).append(']');
      }
    }
    int line = lineOf(yaml, keys);
    String msg = e.getOriginalMessage();
    if (msg.startsWith("Unrecognized field")) {
      msg = "unknown key (check its spelling against examples/rules.yaml)";
    } else if (msg.startsWith("Missing required creator property")) {
      msg = "a required key is missing here: " + msg.replaceAll(".*'([^']*)'.*", "$1");
    }
    return "at '" + path + "'" + (line > 0 ? " (line " + line + ")" : location(e)) + ": " + msg;
  }

  /**
   * The 1-based line of the last of {@code keys}, found as each key's first occurrence after its parent's;
   * 0 when not found. (Jackson reports the end of the enclosing object for record properties.)
   */
  static int lineOf(String yaml, List<String> keys) {
    String[] lines = yaml.split("\n", -1);
    int from = 0;
    int found = -1;
    for (String key : keys) {
      java.util.regex.Pattern p = java.util.regex.Pattern.compile("^\\s*(- )?" + java.util.regex.Pattern.quote(key)
          + "\\s*:");
      found = -1;
      for (int i = from; i < lines.length; i++) {
        if (p.matcher(lines[i]).find()) {
          found = i;
          break;
        }
      }
      if (found < 0) {
        return 0;
      }
      from = found + 1;
    }
    return found + 1;
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
  }

  private static List<String> validate(Rules r) {
    List<String> p = new ArrayList<>();
    require(p, r.deadAir() != null, "missing section 'dead_air'");
    require(p, r.hold() != null, "missing section 'hold'");
    require(p, r.overTalk() != null, "missing section 'over_talk'");
    require(p, r.raisedVoice() != null, "missing section 'raised_voice'");
    require(p, r.greeting() != null, "missing section 'greeting'");
    require(p, r.closing() != null, "missing section 'closing'");
    require(p, r.qaScore() != null, "missing section 'qa_score'");
    if (!p.isEmpty()) {
      return p;
    }
    positive(p, "dead_air.min_duration_s", r.deadAir().minDurationS());
    nonEmpty(p, "hold.request_phrases", r.hold().requestPhrases());
    positive(p, "hold.long_hold_s", r.hold().longHoldS());
    positive(p, "hold.refresh_interval_s", r.hold().refreshIntervalS());
    positive(p, "hold.min_silence_s", r.hold().minSilenceS());
    positive(p, "hold.music_min_s", r.hold().musicMinS());
    positive(p, "over_talk.min_overlap_s", r.overTalk().minOverlapS());
    positive(p, "over_talk.background_db", r.overTalk().backgroundDb());
    positive(p, "raised_voice.min_db_above_median", r.raisedVoice().minDbAboveMedian());
    positive(p, "raised_voice.min_duration_s", r.raisedVoice().minDurationS());
    positive(p, "greeting.within_s", r.greeting().withinS());
    similarity(p, "greeting.min_similarity", r.greeting().minSimilarity());
    positive(p, "closing.within_last_s", r.closing().withinLastS());
    similarity(p, "closing.min_similarity", r.closing().minSimilarity());
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < r.disclosures().size(); i++) {
      Rules.Disclosure d = r.disclosures().get(i);
      String key = "disclosures[" + i + "]" + (d.id() == null ? "" : " (" + d.id() + ")");
      require(p, d.id() != null && !d.id().isBlank(), key + ".id is missing");
      require(p, d.id() == null || ids.add(d.id()), key + ".id is used twice");
      require(p, SPEAKERS.contains(d.speaker()), key + ".speaker must be agent or customer");
      nonEmpty(p, key + ".phrasings", d.phrasings());
      similarity(p, key + ".min_similarity", d.minSimilarity());
      Rules.Window w = d.window();
      int set = w == null ? 0 : (w.firstS() != null ? 1 : 0) + (w.lastS() != null ? 1 : 0)
          + (w.firstPct() != null ? 1 : 0);
      require(p, set == 1, key + ".window needs exactly one of first_s, last_s, first_pct");
      if (d.appliesTo() != null) {
        for (Map.Entry<String, List<String>> e : d.appliesTo().entrySet()) {
          require(p, APPLIES_TO_KEYS.contains(e.getKey()), key + ".applies_to." + e.getKey()
              + " is not a call field (use queue, direction or agent_id)");
        }
      }
    }
    for (int i = 0; i < r.forbiddenPhrases().size(); i++) {
      Rules.ForbiddenPhrase f = r.forbiddenPhrases().get(i);
      String key = "forbidden_phrases[" + i + "]";
      require(p, f.id() != null, key + ".id is missing");
      require(p, SPEAKERS.contains(f.speaker()), key + ".speaker must be agent or customer");
      nonEmpty(p, key + ".phrases", f.phrases());
      similarity(p, key + ".min_similarity", f.minSimilarity());
    }
    require(p, r.qaScore().weights() != null, "qa_score.weights is missing");
    similarity(p, "second_listen.min_similarity", r.secondListen().minSimilarity());
    return p;
  }

  private static void require(List<String> problems, boolean ok, String message) {
    if (!ok) {
      problems.add(message);
    }
  }

  private static void positive(List<String> p, String key, double v) {
    require(p, v > 0 && Double.isFinite(v), key + (v == 0 ? " is missing or 0: it must be a positive number"
        : " must be a positive number, was " + v));
  }

  private static void similarity(List<String> p, String key, double v) {
    require(p, v > 0 && v <= 1, key + (v == 0 ? " is missing or 0: it must be in (0, 1]"
        : " must be in (0, 1], was " + v));
  }

  private static void nonEmpty(List<String> p, String key, List<String> v) {
    require(p, v != null && !v.isEmpty(), key + " needs at least one phrase");
  }
}

package io.callqa.notebooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callqa.cli.Main;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executes every notebook in notebooks/ top to bottom, as an analyst would, against a real sample night
 * ({@code callqa run} on examples/calls plus a file that fails), with {@code jupyter nbconvert --execute} and
 * the kernel spec the build writes to target/jupyter. A cell that errors (a broken query), a missing or blank
 * chart, or figures that disagree with the tables fail the test. The expected figures are read from the
 * Parquet files here with SQL of the test's own, not with the notebooks' queries.
 */
@Tag("slow")
@Tag("notebooks")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotebooksTest {
  private static final String INSTALL_HINT = "Jupyter is needed to execute the notebooks: install the Debian "
      + "packages jupyter-nbconvert python3-nbclient jupyter-client (apt-get install -y --no-install-recommends "
      + "jupyter-nbconvert python3-nbclient jupyter-client; .ci/run does this)";
  private static final Path ROOT = Path.of(System.getProperty("callqa.repo.root", "..")).toAbsolutePath().normalize();
  private static final Path MODULE = ROOT.resolve("notebooks");
  private static final Path JUPYTER_PATH = MODULE.resolve("target/jupyter");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  private static Path out;

  @BeforeAll
  void runTheNight() throws IOException {
    checkJupyter();
    assertThat(JUPYTER_PATH.resolve("kernels/callqa-java/kernel.json"))
        .as("the kernel spec is written by the Maven build (process-resources); run the test through Maven")
        .exists();
    Path input = tmp.resolve("calls");
    Files.createDirectories(input);
    try (Stream<Path> files = Files.list(ROOT.resolve("examples/calls"))) {
      for (Path f : files.toList()) {
        Files.copy(f, input.resolve(f.getFileName()));
      }
    }
    Files.writeString(input.resolve("notes.wav"), "meeting notes, not a recording\n"); // one failed call
    out = tmp.resolve("out");
    int exit = Main.execute("run", "--input", input.toString(), "--output", out.toString(), "--manifest",
        ROOT.resolve("examples/manifest.csv").toString(), "--rules", ROOT.resolve("examples/rules.yaml").toString(),
        "--master", "local[2]");
    assertThat(exit).as("callqa run exit code (3: some recordings failed)").isEqualTo(3);
  }

  private static void checkJupyter() {
    try {
      Process version = new ProcessBuilder("jupyter", "nbconvert", "--version").redirectErrorStream(true).start();
      String text = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!version.waitFor(60, TimeUnit.SECONDS) || version.exitValue() != 0) {
        fail(INSTALL_HINT + "\n`jupyter nbconvert --version` said: " + text);
      }
    } catch (IOException e) {
      fail(INSTALL_HINT + " (" + e.getMessage() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail("interrupted");
    }
  }

  @Test
  void nightOverviewShowsTheCallsAndEventsOfTheTables() throws Exception {
    Executed nb = execute(MODULE.resolve("01_night_overview.ipynb"));
    long calls = count("SELECT count(*) FROM calls");
    long ok = count("SELECT count(*) FROM calls WHERE status = 'ok'");
    long failed = count("SELECT count(*) FROM calls WHERE status = 'failed'");
    assertThat(failed).as("the sample night has one failed file").isEqualTo(1);
    assertThat(nb.text()).contains("calls processed: " + calls + " (ok " + ok + ", failed " + failed + ")");
    assertThat(nb.html()).contains("notes.wav"); // the failed calls' list
    for (String type : strings("SELECT DISTINCT event_type FROM events")) {
      assertThat(nb.html()).as("events by type").contains("<td>" + type + "</td>");
    }
    String worst = strings("SELECT call_id FROM call_summary ORDER BY qa_score, call_id LIMIT 1").get(0);
    assertThat(nb.html()).as("worst calls by QA score").contains(worst);
    assertThat(nb.html()).as("the hold in call03").contains("started by music");
  }

  @Test
  void complianceAuditListsEveryMissingDisclosure() throws Exception {
    Executed nb = execute(MODULE.resolve("02_compliance_audit.ipynb"));
    List<String> missing = strings("SELECT call_id FROM disclosure_checks WHERE NOT found");
    assertThat(missing).as("the sample night has a missing disclosure (call02)").isNotEmpty();
    assertThat(nb.text()).contains(missing.size() + " missing disclosures");
    for (String callId : missing) {
      assertThat(nb.html()).contains(callId);
    }
    for (String disclosure : strings("SELECT DISTINCT disclosure_id FROM disclosure_checks")) {
      assertThat(nb.html()).contains("<td>" + disclosure + "</td>");
    }
    // per disclosure: applicable, on time, late, missing, found only by the second listen
    assertThat(nb.html()).contains("<th>by_second_listen</th>");
    for (String row : strings("SELECT '<td>' || disclosure_id || '</td><td>' || count(*) || '</td><td>'"
        + " || count(*) FILTER (WHERE found AND in_window) || '</td><td>' || count(*) FILTER (WHERE found AND NOT"
        + " in_window) || '</td><td>' || count(*) FILTER (WHERE NOT found) || '</td><td>'"
        + " || count(*) FILTER (WHERE found_by = 'second_listen') || '</td>' FROM disclosure_checks"
        + " GROUP BY disclosure_id")) {
      assertThat(nb.html()).contains(row);
    }
  }

  @Test
  void transcriptSearchFindsEveryTimeThePhraseWasSaid() throws Exception {
    Executed nb = execute(MODULE.resolve("03_transcript_search.ipynb"));
    // The notebook's default phrase is "anything else": count word pairs of one speaker here.
    String pairs = "SELECT call_id FROM (SELECT call_id, word, lead(word) OVER (PARTITION BY call_id, speaker "
        + "ORDER BY start_s) AS next FROM words) WHERE word = 'anything' AND next = 'else'";
    List<String> hits = strings(pairs);
    assertThat(hits).as("the sample agents close with 'is there anything else'").isNotEmpty();
    assertThat(nb.text()).contains(hits.size() + " hits for 'anything else' in " + new HashSet<>(hits).size()
        + " calls");
    for (String callId : hits) {
      assertThat(nb.html()).contains(callId);
    }
    for (String agent : strings("SELECT DISTINCT agent_id FROM agent_daily WHERE agent_id IS NOT NULL")) {
      assertThat(nb.html()).as("agent trends").contains("<td>" + agent + "</td>");
    }
  }

  @Test
  void aBrokenQueryFailsTheNotebook() throws Exception {
    ObjectNode notebook = (ObjectNode) JSON.readTree(MODULE.resolve("01_night_overview.ipynb").toFile());
    ObjectNode broken = ((ArrayNode) notebook.get("cells")).addObject();
    broken.put("cell_type", "code").put("execution_count", (Integer) null).putObject("metadata");
    broken.putArray("outputs");
    broken.put("source", "night.query(\"SELECT no_such_column FROM calls\").show();");
    Path copy = tmp.resolve("broken/01_night_overview.ipynb");
    Files.createDirectories(copy.getParent());
    JSON.writeValue(copy.toFile(), notebook);
    Run run = nbconvert(copy);
    assertThat(run.exit()).as("nbconvert exit code for a notebook with a broken query").isNotZero();
    assertThat(run.log()).contains("query failed").contains("no_such_column");
  }

  /** The executed notebook: every cell ran without error and every chart the code shows is a real image. */
  private Executed execute(Path notebook) throws Exception {
    Run run = nbconvert(notebook);
    if (run.exit() != 0) {
      fail("executing " + notebook.getFileName() + " failed (exit " + run.exit() + "):\n" + tail(run.log()));
    }
    JsonNode executed = JSON.readTree(run.output().toFile());
    StringBuilder text = new StringBuilder();
    StringBuilder html = new StringBuilder();
    int charts = 0;
    int chartCalls = 0;
    for (JsonNode cell : executed.get("cells")) {
      if (!"code".equals(cell.get("cell_type").asText())) {
        continue;
      }
      String source = join(cell.get("source"));
      chartCalls += source.split("Charts\\.show\\(", -1).length - 1;
      for (JsonNode output : cell.get("outputs")) {
        String type = output.get("output_type").asText();
        assertThat(type).as("output of cell:\n%s\n%s", source, output).isNotEqualTo("error");
        if ("stream".equals(type)) {
          text.append(join(output.get("text")));
        }
        JsonNode data = output.path("data");
        html.append(join(data.path("text/html")));
        text.append(join(data.path("text/plain")));
        if (data.has("image/png")) {
          assertRealChart(join(data.get("image/png")), source);
          charts++;
        }
      }
    }
    assertThat(chartCalls).as("charts in " + notebook.getFileName()).isPositive();
    assertThat(charts).as("PNG outputs in " + notebook.getFileName() + ", one per Charts.show").isEqualTo(chartCalls);
    return new Executed(text.toString(), html.toString());
  }

  /** A PNG of the chart size with more than a frame in it: several colours, some of them the series'. */
  private static void assertRealChart(String base64, String source) throws IOException {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getMimeDecoder().decode(base64)));
    assertThat(image).as("chart image of cell:\n%s", source).isNotNull();
    assertThat(image.getWidth()).isEqualTo(Charts.WIDTH);
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        colours.add(image.getRGB(x, y));
      }
    }
    assertThat(colours.size()).as("distinct colours in the chart of cell:\n%s", source).isGreaterThan(10);
  }

  private Run nbconvert(Path notebook) throws IOException, InterruptedException {
    Path outDir = tmp.resolve("executed");
    Path runtime = MODULE.resolve("target/jupyter-runtime");
    Files.createDirectories(outDir);
    Files.createDirectories(runtime);
    Path log = outDir.resolve(notebook.getFileName() + ".log");
    ProcessBuilder pb = new ProcessBuilder("jupyter", "nbconvert", "--to", "notebook", "--execute",
        "--ExecutePreprocessor.timeout=600", "--output-dir", outDir.toString(), notebook.toString())
        .directory(notebook.getParent().toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.put("JUPYTER_PATH", JUPYTER_PATH.toString()); // the build's kernel spec; nothing installed in $HOME
    env.put("JUPYTER_RUNTIME_DIR", runtime.toString());
    env.put(OutputTables.OUTPUT_ENV, out.toString());
    Process process = pb.start();
    if (!process.waitFor(15, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      fail("nbconvert did not finish in 15 minutes: " + notebook);
    }
    return new Run(process.exitValue(), Files.readString(log), outDir.resolve(notebook.getFileName()));
  }

  private record Run(int exit, String log, Path output) {}

  private record Executed(String text, String html) {}

  private static String join(JsonNode lines) {
    if (lines.isMissingNode() || lines.isNull()) {
      return "";
    }
    if (lines.isTextual()) {
      return lines.asText();
    }
    StringBuilder text = new StringBuilder();
    lines.forEach(line -> text.append(line.asText()));
    return text.toString();
  }

  private static String tail(String log) {
    return log.length() <= 6000 ? log : log.substring(log.length() - 6000);
  }

  // Expected figures, straight from the Parquet files with DuckDB (views named like the tables).

  private long count(String sql) throws SQLException {
    return Long.parseLong(strings(sql).get(0));
  }

  private List<String> strings(String sql) throws SQLException {
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duck.createStatement()) {
      for (String table : List.of("calls", "words", "events", "disclosure_checks", "call_summary", "agent_daily")) {
        statement.execute("CREATE VIEW " + table + " AS SELECT * FROM read_parquet('" + out.resolve(table)
            + "/*/*.parquet', hive_partitioning = true)");
      }
      List<String> values = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery(sql)) {
        while (rs.next()) {
          values.add(rs.getString(1));
        }
      }
      return values;
    }
  }
}

package io.callqa.notebooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notebook library without a kernel: tables written as small Parquet files in the output layout
 * ({@code <table>/call_date=.../*.parquet}, docs/tables.md), queried through {@link OutputTables}, drawn with
 * {@link Charts}.
 */
class OutputTablesTest {
  @TempDir Path out;
  private final List<String[]> published = new ArrayList<>();

  @BeforeEach
  void writeTables() throws Exception {
    // Two nights of calls (3 ok + 1 failed on the 23rd, 1 ok on the 24th) and their events.
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duck.createStatement()) {
      write(sql, "calls", "2026-11-23", "SELECT call_id, status, duration_s::DOUBLE AS duration_s FROM (VALUES "
          + "('c1', 'ok', 30.0), ('c2', 'ok', 60.0), ('c3', 'ok', 90.0), ('c4', 'failed', NULL)) "
          + "t(call_id, status, duration_s)");
      write(sql, "calls", "2026-11-24", "SELECT 'c5' AS call_id, 'ok' AS status, 45.0::DOUBLE AS duration_s");
      write(sql, "events", "2026-11-23", "SELECT call_id, event_type, duration_s::DOUBLE AS duration_s FROM (VALUES "
          + "('c1', 'dead_air', 6.0), ('c1', 'dead_air', 7.5), ('c2', 'over_talk', 1.2)) "
          + "t(call_id, event_type, duration_s)");
    }
    Display.setSink((mime, data) -> published.add(new String[] {mime, data.toString()}));
  }

  @AfterEach
  void removeSink() {
    Display.setSink(null);
  }

  private void write(Statement sql, String table, String date, String select) throws Exception {
    Path partition = out.resolve(table).resolve("call_date=" + date);
    Files.createDirectories(partition);
    sql.execute("COPY (" + select + ") TO '" + partition.resolve("part-00000.parquet") + "' (FORMAT parquet)");
  }

  @Test
  void viewsCoverEveryPartitionWithCallDateAsADate() {
    try (OutputTables tables = OutputTables.open(out)) {
      assertThat(tables.tables()).containsExactly("calls", "events");
      Result perDate = tables.query("SELECT call_date, count(*) AS calls, count(*) FILTER (WHERE status = 'failed') "
          + "AS failed FROM calls GROUP BY call_date ORDER BY call_date");
      assertThat(perDate.column("call_date")).extracting(Object::toString).containsExactly("2026-11-23", "2026-11-24");
      assertThat(perDate.numbers("calls")).containsExactly(4.0, 1.0);
      assertThat(perDate.numbers("failed")).containsExactly(1.0, 0.0);
      Object callDate = tables.query("SELECT call_date FROM calls WHERE call_id = 'c5'").single("call_date");
      assertThat(callDate.toString()).isEqualTo(LocalDate.of(2026, 11, 24).toString());
    }
  }

  @Test
  void parametersAreBoundNotPasted() {
    try (OutputTables tables = OutputTables.open(out)) {
      Result deadAir = tables.query("SELECT count(*) AS n, sum(duration_s) AS s FROM events WHERE event_type = ?",
          "dead_air");
      assertThat(deadAir.single("n")).isEqualTo(2L);
      assertThat(deadAir.single("s")).isEqualTo(13.5);
      Result quoted = tables.query("SELECT count(*) AS n FROM calls WHERE call_id = ?", "c1' OR '1'='1");
      assertThat(quoted.single("n")).isEqualTo(0L);
    }
  }

  @Test
  void aBrokenQueryFailsWithDuckDbsMessageAndTheTablesPresent() {
    try (OutputTables tables = OutputTables.open(out)) {
      assertThatThrownBy(() -> tables.query("SELECT no_such_column FROM calls"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("query failed")
          .hasMessageContaining("no_such_column").hasMessageContaining("[calls, events]");
      assertThatThrownBy(() -> tables.query("SELECT * FROM call_summary"))
          .hasMessageContaining("call_summary").hasMessageContaining("[calls, events]");
    }
  }

  @Test
  void aFolderWithoutCallsIsRejectedWithWhatToDo(@TempDir Path empty) {
    assertThatThrownBy(() -> OutputTables.open(empty)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no callqa output at").hasMessageContaining("./callqa run")
        .hasMessageContaining(OutputTables.OUTPUT_ENV);
  }

  @Test
  void chartsRefuseEmptyDataSoANotebookCannotShowAnEmptyChart() {
    try (OutputTables tables = OutputTables.open(out)) {
      Result none = tables.query("SELECT event_type, count(*) AS n FROM events WHERE event_type = 'hold' GROUP BY 1");
      assertThatThrownBy(() -> Charts.bars("Holds", "events", none, "event_type", "n"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Holds' has no data");
      assertThatThrownBy(() -> Charts.histogram("Hold durations", "s", none.numbers("n"), 10))
          .hasMessageContaining("has no data");
    }
  }

  @Test
  void chartsArePublishedAsPngImagesWithTheData() throws Exception {
    try (OutputTables tables = OutputTables.open(out)) {
      Result byType = tables.query("SELECT event_type, count(*) AS n FROM events GROUP BY 1 ORDER BY 1");
      Charts.show(Charts.bars("Events by type", "events", byType, "event_type", "n"));
    }
    assertThat(published).hasSize(1);
    assertThat(published.get(0)[0]).isEqualTo("image/png");
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(published.get(0)[1])));
    assertThat(image.getWidth()).isEqualTo(Charts.WIDTH);
    assertThat(image.getHeight()).isEqualTo(Charts.HEIGHT);
  }

  @Test
  void tablesAreShownAsEscapedHtml() {
    Result result = new Result("SELECT ...", List.of("text"), List.of(List.of("<b>&")));
    result.show();
    assertThat(published.get(0)[0]).isEqualTo("text/html");
    assertThat(published.get(0)[1]).contains("<td>&lt;b&gt;&amp;</td>").doesNotContain("<b>&");
  }

  @Test
  void showingOutsideAKernelIsAnError() {
    Display.setSink(null);
    Result result = new Result("SELECT 1", List.of("x"), List.of(List.of(1)));
    assertThatThrownBy(result::show).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("callqa Java kernel");
  }
}

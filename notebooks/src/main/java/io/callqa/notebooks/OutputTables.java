package io.callqa.notebooks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The tables of one callqa output folder, queryable with SQL: an in-memory DuckDB database with one view per
 * table ({@code calls}, {@code events}, ...) over {@code <output>/<table>/call_date=*}/*.parquet, with
 * {@code call_date} read back from the partition directories as a DATE (docs/tables.md).
 *
 * <p>Only local folders are supported. DuckDB runs in this JVM; extension auto-install is switched off, so a
 * query never downloads anything. Close it to free DuckDB's memory.
 */
public final class OutputTables implements AutoCloseable {
  /** Environment variable that points the notebooks at an output folder. */
  public static final String OUTPUT_ENV = "CALLQA_OUTPUT";
  /** Every table callqa writes, in docs/tables.md order. */
  public static final List<String> TABLES = List.of("calls", "words", "utterances", "speech_segments",
      "sound_segments", "loudness", "events", "disclosure_checks", "call_summary", "agent_daily");
  /** Most rows one query may return. */
  public static final int MAX_ROWS = 100_000;

  private final Path root;
  private final Connection connection;
  private final List<String> present;

  private OutputTables(Path root, Connection connection, List<String> present) {
    this.root = root;
    this.connection = connection;
    this.present = List.copyOf(present);
  }

  /**
   * The output folder named by {@value #OUTPUT_ENV} when set, else {@code defaultFolder} (the parameter at the
   * top of each notebook).
   */
  public static Path outputFolder(String defaultFolder) {
    String fromEnv = System.getenv(OUTPUT_ENV);
    return Path.of(fromEnv != null && !fromEnv.isBlank() ? fromEnv : defaultFolder).toAbsolutePath().normalize();
  }

  /** Opens the output folder; it must hold at least the {@code calls} table. */
  public static OutputTables open(Path root) {
    Path folder = root.toAbsolutePath().normalize();
    if (!Files.isDirectory(folder.resolve("calls"))) {
      throw new IllegalArgumentException("no callqa output at " + folder + " (there is no calls/ folder): run "
          + "`./callqa run` first, or set " + OUTPUT_ENV + " to the --output folder of a run");
    }
    List<String> present = new ArrayList<>();
    try {
      Properties settings = new Properties();
      settings.setProperty("autoinstall_known_extensions", "false");
      settings.setProperty("autoload_known_extensions", "false");
      Connection connection = DriverManager.getConnection("jdbc:duckdb:", settings);
      try (Statement statement = connection.createStatement()) {
        for (String table : TABLES) {
          if (hasParquet(folder.resolve(table))) {
            String files = folder.resolve(table) + "/call_date=*/*.parquet";
            statement.execute("CREATE VIEW " + table + " AS SELECT * FROM read_parquet('"
                + files.replace("'", "''") + "', hive_partitioning = true)");
            present.add(table);
          }
        }
      } catch (SQLException e) {
        connection.close();
        throw e;
      }
      return new OutputTables(folder, connection, present);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open the tables under " + folder + ": " + e.getMessage(), e);
    }
  }

  private static boolean hasParquet(Path table) {
    if (!Files.isDirectory(table)) {
      return false;
    }
    try (DirectoryStream<Path> partitions = Files.newDirectoryStream(table, "call_date=*")) {
      for (Path partition : partitions) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(partition, "*.parquet")) {
          if (files.iterator().hasNext()) {
            return true;
          }
        }
      }
      return false;
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + table + ": " + e.getMessage(), e);
    }
  }

  public Path root() {
    return root;
  }

  /** The tables that have data in this folder; the others have no view. */
  public List<String> tables() {
    return present;
  }

  /**
   * Runs one SQL query and returns all its rows. {@code ?} placeholders take {@code params} in order (use them
   * for values typed by the analyst, e.g. a search phrase). Aggregate in SQL: a result of more than
   * {@value #MAX_ROWS} rows is an error rather than a memory problem. A failing query (a typo, a missing
   * table or column) throws with DuckDB's message, the tables present and the SQL.
   */
  public Result query(String sql, Object... params) {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = statement.executeQuery()) {
        ResultSetMetaData meta = rs.getMetaData();
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          columns.add(meta.getColumnLabel(i));
        }
        List<List<Object>> rows = new ArrayList<>();
        while (rs.next()) {
          if (rows.size() == MAX_ROWS) {
            throw new IllegalArgumentException("the query returned more than " + MAX_ROWS + " rows; aggregate or "
                + "add a LIMIT:\n" + sql);
          }
          List<Object> row = new ArrayList<>(columns.size());
          for (int i = 1; i <= columns.size(); i++) {
            row.add(rs.getObject(i));
          }
          rows.add(row);
        }
        return new Result(sql, columns, rows);
      }
    } catch (SQLException e) {
      throw new IllegalArgumentException("query failed: " + e.getMessage() + "\n(tables in " + root + ": "
          + present + ")\n" + sql, e);
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new IllegalStateException("closing DuckDB: " + e.getMessage(), e);
    }
  }
}

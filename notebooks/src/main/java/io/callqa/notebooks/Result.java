package io.callqa.notebooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The rows of one query, held in memory: notebooks aggregate in SQL and keep results small (see
 * {@link OutputTables#query}). Values are as the DuckDB JDBC driver returns them (String, Long, Integer,
 * Double, Boolean, java.sql.Date / LocalDate, OffsetDateTime, ...), null for SQL NULL.
 */
public record Result(String sql, List<String> columns, List<List<Object>> rows) {
  /** Rows shown by {@link #show()} before the table is cut off. */
  public static final int SHOW_MAX_ROWS = 50;

  public Result {
    Objects.requireNonNull(sql, "sql");
    columns = List.copyOf(columns);
    List<List<Object>> copy = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      copy.add(java.util.Collections.unmodifiableList(new ArrayList<>(row)));
    }
    rows = java.util.Collections.unmodifiableList(copy);
  }

  public int rowCount() {
    return rows.size();
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  /** The values of one column, in row order. */
  public List<Object> column(String name) {
    int index = indexOf(name);
    List<Object> values = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      values.add(row.get(index));
    }
    return values;
  }

  /** The values of a numeric column as doubles (nulls skipped). */
  public List<Double> numbers(String name) {
    List<Double> values = new ArrayList<>();
    for (Object value : column(name)) {
      if (value != null) {
        if (!(value instanceof Number number)) {
          throw new IllegalArgumentException("column '" + name + "' is not numeric: " + value.getClass().getName());
        }
        values.add(number.doubleValue());
      }
    }
    return values;
  }

  /** The values of a column as text (null becomes "(none)"), e.g. for chart categories. */
  public List<String> labels(String name) {
    List<String> values = new ArrayList<>();
    for (Object value : column(name)) {
      values.add(value == null ? "(none)" : value.toString());
    }
    return values;
  }

  /** The single value of a one-row result, e.g. {@code count(*)}. */
  public Object single(String name) {
    if (rows.size() != 1) {
      throw new IllegalStateException("expected one row, the query returned " + rows.size() + ": " + sql);
    }
    return rows.get(0).get(indexOf(name));
  }

  private int indexOf(String name) {
    int index = columns.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException("no column '" + name + "' in the result; columns: " + columns);
    }
    return index;
  }

  /** Shows the rows as an HTML table (at most {@link #SHOW_MAX_ROWS}) in the notebook. */
  public void show() {
    Display.publish("text/html", toHtml());
  }

  /** The rows as an HTML table, with a note when it was cut off. */
  public String toHtml() {
    StringBuilder html = new StringBuilder("<table class=\"callqa-result\"><thead><tr>");
    for (String column : columns) {
      html.append("<th>").append(escape(column)).append("</th>");
    }
    html.append("</tr></thead><tbody>");
    for (List<Object> row : rows.subList(0, Math.min(rows.size(), SHOW_MAX_ROWS))) {
      html.append("<tr>");
      for (Object value : row) {
        html.append("<td>").append(escape(format(value))).append("</td>");
      }
      html.append("</tr>");
    }
    html.append("</tbody></table>");
    if (rows.size() > SHOW_MAX_ROWS) {
      html.append("<p>").append(SHOW_MAX_ROWS).append(" of ").append(rows.size()).append(" rows shown</p>");
    } else if (rows.isEmpty()) {
      html.append("<p>no rows</p>");
    }
    return html.toString();
  }

  private static String format(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Double d) {
      return String.format(java.util.Locale.ROOT, "%.2f", d);
    }
    return value.toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  /** Tab-separated rows (all of them), for the text view of a cell. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(String.join("\t", columns));
    for (List<Object> row : rows) {
      text.append('\n');
      for (int i = 0; i < row.size(); i++) {
        text.append(i == 0 ? "" : "\t").append(format(row.get(i)));
      }
    }
    return text.toString();
  }
}

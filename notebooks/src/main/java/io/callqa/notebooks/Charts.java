package io.callqa.notebooks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import org.knowm.xchart.Histogram;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;

/**
 * Charts for the notebooks, drawn with XChart and shown as PNG images. The builders take query results in wide
 * form (one category column, one column per series) and refuse empty data, so a query that stops returning rows
 * fails the notebook instead of drawing an empty frame. Any other XChart chart can be shown with {@link #show}.
 */
public final class Charts {
  public static final int WIDTH = 800;
  public static final int HEIGHT = 360;

  private Charts() {}

  /** Bars per category, one series per value column. */
  public static CategoryChart bars(String title, String yTitle, Result result, String categoryColumn,
      String... valueColumns) {
    return categories(title, yTitle, result, categoryColumn, valueColumns, CategorySeriesRenderStyle.Bar);
  }

  /** Lines over an ordered category such as {@code call_date}, one series per value column. */
  public static CategoryChart lines(String title, String yTitle, Result result, String categoryColumn,
      String... valueColumns) {
    return categories(title, yTitle, result, categoryColumn, valueColumns, CategorySeriesRenderStyle.Line);
  }

  /** Histogram of {@code values} in {@code bins} equal bins between their minimum and maximum. */
  public static CategoryChart histogram(String title, String xTitle, List<Double> values, int bins) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("chart '" + title + "' has no data: the query returned no values");
    }
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be at least 1, got " + bins);
    }
    double min = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    double max = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    Histogram histogram = new Histogram(values, bins, min, max > min ? max : min + 1);
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
        .yAxisTitle("calls").build();
    CategoryStyler styler = chart.getStyler();
    styler.setLegendVisible(false);
    styler.setXAxisDecimalPattern("0.0");
    styler.setAvailableSpaceFill(0.96);
    styler.setYAxisDecimalPattern("#,##0");
    chart.addSeries(xTitle, histogram.getxAxisData(), histogram.getyAxisData());
    return chart;
  }

  private static CategoryChart categories(String title, String yTitle, Result result, String categoryColumn,
      String[] valueColumns, CategorySeriesRenderStyle style) {
    if (result.isEmpty()) {
      throw new IllegalArgumentException("chart '" + title + "' has no data: the query returned no rows:\n"
          + result.sql());
    }
    if (valueColumns.length == 0) {
      throw new IllegalArgumentException("chart '" + title + "' needs at least one value column");
    }
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
        .xAxisTitle(categoryColumn).yAxisTitle(yTitle).build();
    CategoryStyler styler = chart.getStyler();
    styler.setDefaultSeriesRenderStyle(style);
    styler.setLegendPosition(Styler.LegendPosition.OutsideE);
    styler.setLegendVisible(valueColumns.length > 1);
    styler.setXAxisLabelRotation(result.rowCount() > 8 ? 45 : 0);
    styler.setYAxisDecimalPattern("#,##0.#");
    List<String> categories = result.labels(categoryColumn);
    for (String column : valueColumns) {
      List<Double> values = new ArrayList<>();
      for (Object value : result.column(column)) {
        values.add(value == null ? 0.0 : ((Number) value).doubleValue());
      }
      chart.addSeries(column, categories, values);
    }
    return chart;
  }

  /** Shows the chart in the notebook as a PNG image. */
  public static void show(Chart<?, ?> chart) {
    if (chart.getSeriesMap().isEmpty()) {
      throw new IllegalArgumentException("chart '" + chart.getTitle() + "' has no series");
    }
    try {
      byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
      Display.publish("image/png", Base64.getEncoder().encodeToString(png));
    } catch (IOException e) {
      throw new IllegalStateException("cannot draw chart '" + chart.getTitle() + "': " + e.getMessage(), e);
    }
  }
}

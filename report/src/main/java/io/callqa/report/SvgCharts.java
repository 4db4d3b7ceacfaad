package io.callqa.report;

import java.util.List;
import java.util.Locale;

/**
 * Inline SVG charts for the report: no script, no external resource, readable when printed. Every text that
 * reaches the SVG is escaped with {@link HtmlReport#escape}.
 */
final class SvgCharts {
  /** One bar: a label, a value and a CSS fill colour. */
  record Bar(String label, long value, String color) {}

  private static final int LABEL_W = 150;
  private static final int ROW_H = 24;
  private static final int BAR_H = 16;

  private SvgCharts() {}

  /** Horizontal bars, one per row, scaled to the largest value; zero bars are drawn as a thin grey stub. */
  static String horizontalBars(String title, List<Bar> bars, int width) {
    long max = Math.max(1, bars.stream().mapToLong(Bar::value).max().orElse(1));
    int plotW = width - LABEL_W - 48;
    int height = bars.size() * ROW_H + 8;
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "<svg class=\"chart-svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\""
        + " role=\"img\" aria-label=\"%s\" xmlns=\"http://www.w3.org/2000/svg\">", width, height, width, height,
        HtmlReport.escape(title)));
    s.append("<title>").append(HtmlReport.escape(title)).append("</title>");
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      int y = 4 + i * ROW_H;
      double w = b.value() == 0 ? 2 : Math.max(3, plotW * (double) b.value() / max);
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"axis-label\" text-anchor=\"end\">%s</text>",
          LABEL_W - 10, y + BAR_H - 3, HtmlReport.escape(b.label())));
      s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" rx=\"3\" fill=\"%s\"/>",
          LABEL_W, y, w, BAR_H, b.value() == 0 ? "#d5dae1" : HtmlReport.escape(b.color())));
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"%s\">%d</text>", LABEL_W + w + 6,
          y + BAR_H - 3, b.value() == 0 ? "bar-value zero" : "bar-value", b.value()));
    }
    return s.append("</svg>").toString();
  }

  /** Vertical columns over bins (a histogram), with the count above each column and the bin below. */
  static String columns(String title, List<Bar> bars, int width, int height) {
    long max = Math.max(1, bars.stream().mapToLong(Bar::value).max().orElse(1));
    int top = 18;
    int bottom = 34;
    int plotH = height - top - bottom;
    double slot = (double) (width - 16) / Math.max(1, bars.size());
    double colW = Math.min(56, slot * 0.7);
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "<svg class=\"chart-svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\""
        + " role=\"img\" aria-label=\"%s\" xmlns=\"http://www.w3.org/2000/svg\">", width, height, width, height,
        HtmlReport.escape(title)));
    s.append("<title>").append(HtmlReport.escape(title)).append("</title>");
    s.append(String.format(Locale.ROOT, "<line x1=\"8\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"baseline\"/>",
        top + plotH, width - 8, top + plotH));
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      double cx = 8 + slot * i + slot / 2;
      double h = b.value() == 0 ? 0 : Math.max(2, plotH * (double) b.value() / max);
      s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"3\""
          + " fill=\"%s\"/>", cx - colW / 2, top + plotH - h, colW, h, HtmlReport.escape(b.color())));
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" class=\"%s\" text-anchor=\"middle\">%d</text>",
          cx, top + plotH - h - 5, b.value() == 0 ? "bar-value zero" : "bar-value", b.value()));
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"axis-label small\""
          + " text-anchor=\"middle\">%s</text>", cx, top + plotH + 18, HtmlReport.escape(b.label())));
    }
    return s.append("</svg>").toString();
  }
}

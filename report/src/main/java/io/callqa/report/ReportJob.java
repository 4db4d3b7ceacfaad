package io.callqa.report;

import io.callqa.ingest.CallqaException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * {@code callqa report}: reads one night of the tables with the SparkSession passed in, renders it as one
 * self-contained HTML file and writes it through the Hadoop FileSystem client (so the file can go next to the
 * tables on hdfs:// or s3a://). An existing file at that path is replaced; on failure no partial file is left
 * under the final name (the HTML is rendered in memory first).
 */
public final class ReportJob {
  private ReportJob() {}

  /**
   * What was written.
   *
   * @param html path of the HTML file
   * @param bytes its size
   */
  public record Result(LocalDate date, String html, long bytes, long calls, long flagged, long shownFlagged) {}

  public static Result run(SparkSession spark, ReportConfig config) {
    LocalDate date = config.date() != null ? config.date()
        : NightReportReader.latestDate(spark, config.output());
    NightReport report = NightReportReader.read(spark, config.output(), date, config.topCalls());
    byte[] html = HtmlReport.render(report).getBytes(StandardCharsets.UTF_8);
    String target = config.htmlFor(date);
    Path p = new Path(target);
    try {
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (fs instanceof LocalFileSystem local) {
        fs = local.getRawFileSystem(); // no .crc side file next to a report meant to be opened and mailed
      }
      if (p.getParent() != null) {
        fs.mkdirs(p.getParent());
      }
      try (OutputStream out = fs.create(p, true)) {
        out.write(html);
      }
    } catch (IOException e) {
      throw CallqaException.output(target, e);
    }
    return new Result(date, target, html.length, report.totals().calls(), report.flaggedTotal(),
        report.flagged().size());
  }
}

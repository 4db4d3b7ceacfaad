package io.callqa.analytics.audit;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@link DisclosureAudit} found: per disclosure, how many applicable calls said it in its window, said it
 * late or missed it, and every call with a finding (missing or late) with its agent and recording. Renders as a
 * terminal table or as CSV.
 *
 * @param disclosures one entry per disclosure id, sorted by id
 * @param findings missing and late calls, sorted by disclosure, finding, date and file
 */
public record AuditReport(List<DisclosureSummary> disclosures, List<Finding> findings) {
  public static final String MISSING = "missing";
  public static final String LATE = "late";

  public AuditReport {
    disclosures = List.copyOf(disclosures);
    findings = List.copyOf(findings);
  }

  /**
   * Counts for one disclosure. {@code applicable = found + late + missing}.
   *
   * @param found said by the required speaker inside the window
   * @param late said, but outside the window
   * @param missing not said (no match reached the disclosure's minimum similarity)
   * @param bySecondListen of the found and late ones, those found only by listening to the recording again
   *     ({@code disclosure_checks.found_by = second_listen}): the transcript did not show them
   * @param rulesVersions the distinct rules versions of the checks counted, comma-separated
   */
  public record DisclosureSummary(String disclosureId, long applicable, long found, long late, long missing,
      long bySecondListen, String rulesVersions) {
    /** Share of applicable calls that missed the disclosure, in [0, 1]. */
    public double missingRate() {
      return applicable == 0 ? 0 : (double) missing / applicable;
    }
  }

  /**
   * One call with a finding.
   *
   * @param finding {@link #MISSING} or {@link #LATE}
   * @param foundAtS where a late disclosure starts (seconds from the start of the recording); null if missing
   * @param similarity the best match's similarity in [0, 1]
   */
  public record Finding(String disclosureId, String finding, LocalDate callDate, String callId, String agentId,
      String sourcePath, Double foundAtS, double similarity) {}

  /** A fixed-width table for a terminal: the counts, then the calls with findings. */
  public void printTable(PrintStream out) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"disclosure", "applicable", "found", "late", "missing", "missing %", "2nd listen",
        "rules_version"});
    for (DisclosureSummary d : disclosures) {
      rows.add(new String[] {d.disclosureId(), Long.toString(d.applicable()), Long.toString(d.found()),
          Long.toString(d.late()), Long.toString(d.missing()),
          String.format(Locale.ROOT, "%.1f", 100 * d.missingRate()), Long.toString(d.bySecondListen()),
          d.rulesVersions()});
    }
    print(out, rows, 1);
    out.println();
    if (findings.isEmpty()) {
      out.println("No missing or late disclosures.");
      return;
    }
    rows.clear();
    rows.add(new String[] {"disclosure", "finding", "call_date", "agent_id", "file", "found_at_s", "similarity",
        "call_id"});
    for (Finding f : findings) {
      rows.add(new String[] {f.disclosureId(), f.finding(), String.valueOf(f.callDate()), nullToDash(f.agentId()),
          nullToDash(f.sourcePath()), f.foundAtS() == null ? "-" : String.format(Locale.ROOT, "%.1f", f.foundAtS()),
          String.format(Locale.ROOT, "%.2f", f.similarity()), f.callId()});
    }
    print(out, rows, 5);
  }

  /**
   * CSV (RFC 4180 quoting): the counts with a header line, an empty line, then the findings with a header line.
   */
  public void printCsv(PrintStream out) {
    out.println("disclosure_id,applicable,found,late,missing,found_by_second_listen,rules_version");
    for (DisclosureSummary d : disclosures) {
      out.println(String.join(",", csv(d.disclosureId()), Long.toString(d.applicable()), Long.toString(d.found()),
          Long.toString(d.late()), Long.toString(d.missing()), Long.toString(d.bySecondListen()),
          csv(d.rulesVersions())));
    }
    out.println();
    out.println("disclosure_id,finding,call_date,agent_id,source_path,found_at_s,similarity,call_id");
    for (Finding f : findings) {
      out.println(String.join(",", csv(f.disclosureId()), f.finding(), String.valueOf(f.callDate()),
          csv(f.agentId()), csv(f.sourcePath()), f.foundAtS() == null ? "" : Double.toString(f.foundAtS()),
          String.format(Locale.ROOT, "%.4f", f.similarity()), csv(f.callId())));
    }
  }

  private static String nullToDash(String s) {
    return s == null ? "-" : s;
  }

  static String csv(String s) {
    if (s == null) {
      return "";
    }
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  /** Left-aligned columns, except the numeric columns from {@code firstNumeric} on, which are right-aligned. */
  private static void print(PrintStream out, List<String[]> rows, int firstNumeric) {
    int[] width = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        boolean right = i >= firstNumeric && i < r.length - 1;
        String cell = right ? " ".repeat(width[i] - r[i].length()) + r[i] : r[i];
        line.append(cell);
        if (i < r.length - 1) {
          line.append(right ? "" : " ".repeat(width[i] - r[i].length())).append("  ");
        }
      }
      out.println(line.toString().stripTrailing());
    }
  }
}

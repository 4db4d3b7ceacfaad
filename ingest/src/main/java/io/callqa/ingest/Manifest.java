package io.callqa.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;

/**
 * The optional metadata manifest: a CSV with a header naming any of {@code file} (or {@code path}),
 * {@code agent_id}, {@code queue}, {@code direction}, {@code started_at}, {@code agent_channel}.
 * Rows are matched to recordings by full path, else by file name.
 */
public final class Manifest {
  private final Map<String, ManifestEntry> byKey;

  private Manifest(Map<String, ManifestEntry> byKey) {
    this.byKey = byKey;
  }

  public static Manifest empty() {
    return new Manifest(Map.of());
  }

  /** Reads and validates a manifest through the Hadoop FileSystem API. */
  public static Manifest read(String location, Configuration conf) {
    Path path = new Path(location);
    try (FSDataInputStream in = path.getFileSystem(conf).open(path);
         BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return parse(reader, location);
    } catch (IOException e) {
      throw CallqaException.manifest(location, "cannot read it (" + e.getMessage() + ")");
    }
  }

  static Manifest parse(BufferedReader reader, String location) throws IOException {
    String header = reader.readLine();
    if (header == null) {
      throw CallqaException.manifest(location, "it is empty");
    }
    List<String> cols = splitCsv(header.replace("\uFEFF", ""));
    Map<String, Integer> idx = new HashMap<>();
    for (int i = 0; i < cols.size(); i++) {
      idx.put(cols.get(i).trim().toLowerCase(Locale.ROOT), i);
    }
    Integer fileCol = idx.containsKey("file") ? idx.get("file") : idx.get("path");
    if (fileCol == null) {
      throw CallqaException.manifest(location, "the header has no 'file' column (found: " + cols + ")");
    }
    Map<String, ManifestEntry> entries = new HashMap<>();
    int lineNo = 1;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      List<String> v = splitCsv(line);
      String file = get(v, fileCol);
      if (file == null) {
        throw CallqaException.manifest(location, "line " + lineNo + " has no file name");
      }
      ManifestEntry e = new ManifestEntry(get(v, idx.get("agent_id")), get(v, idx.get("queue")),
          get(v, idx.get("direction")), parseInstant(get(v, idx.get("started_at")), location, lineNo),
          parseChannel(get(v, idx.get("agent_channel")), location, lineNo));
      entries.put(file, e);
    }
    return new Manifest(entries);
  }

  /** The entry for a recording path, or {@link ManifestEntry#NONE}. */
  public ManifestEntry lookup(String fullPath) {
    ManifestEntry e = byKey.get(fullPath);
    if (e == null) {
      e = byKey.get(fullPath.substring(fullPath.lastIndexOf('/') + 1));
    }
    return e == null ? ManifestEntry.NONE : e;
  }

  public int size() {
    return byKey.size();
  }

  private static String get(List<String> v, Integer i) {
    if (i == null || i >= v.size()) {
      return null;
    }
    String s = v.get(i).trim();
    return s.isEmpty() ? null : s;
  }

  private static Instant parseInstant(String s, String location, int lineNo) {
    if (s == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        try {
          return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e3) {
          throw CallqaException.manifest(location, "line " + lineNo + ": started_at '" + s
              + "' is not an ISO date-time (e.g. 2026-11-23T09:15:00Z)");
        }
      }
    }
  }

  private static Integer parseChannel(String s, String location, int lineNo) {
    if (s == null) {
      return null;
    }
    if (!s.equals("0") && !s.equals("1")) {
      throw CallqaException.manifest(location, "line " + lineNo + ": agent_channel must be 0 (left) or 1 (right), was '"
          + s + "'");
    }
    return Integer.valueOf(s);
  }

  /** Splits one CSV line (RFC 4180 quotes; no multi-line fields). */
  static List<String> splitCsv(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }
}

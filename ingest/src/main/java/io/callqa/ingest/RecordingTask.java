package io.callqa.ingest;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One recording to ingest: where it is, what the manifest says about it, and (after hashing) its identity.
 *
 * @param path full Hadoop path of the recording
 * @param sizeBytes file size
 * @param modifiedMs file modification time (epoch millis)
 * @param manifest manifest metadata, or {@link ManifestEntry#NONE}
 * @param contentSha256 hex SHA-256 of the file's bytes, or {@code null} until hashed / when unreadable
 * @param readError why the file could not be read while hashing, or {@code null}
 */
public record RecordingTask(String path, long sizeBytes, long modifiedMs, ManifestEntry manifest,
    String contentSha256, String readError) implements Serializable {

  private static final Pattern DATE_IN_NAME =
      Pattern.compile("(?<!\\d)(20\\d{2})-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\\d|3[01])(?!\\d)");

  public RecordingTask withHash(String sha256, String error) {
    return new RecordingTask(path, sizeBytes, modifiedMs, manifest, sha256, error);
  }

  /** The file name (last path element). */
  public String fileName() {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /**
   * The call's identity: derived from the content, so the same recording under any name or in any night
   * gets the same id; an unreadable file gets an id derived from its path.
   */
  public String callId() {
    return contentSha256 != null ? contentSha256.substring(0, 20) : "p" + Hashing.sha256Hex(path).substring(0, 19);
  }

  /** call_date: the manifest's started_at, else a date in the file name, else the modification time (UTC). */
  public LocalDate callDate() {
    if (manifest.startedAt() != null) {
      return manifest.startedAt().atOffset(ZoneOffset.UTC).toLocalDate();
    }
    Matcher m = DATE_IN_NAME.matcher(fileName());
    if (m.find()) {
      try {
        return LocalDate.parse(m.group(1) + "-" + m.group(2) + "-" + m.group(3));
      } catch (DateTimeParseException e) {
        // e.g. 2026-02-31: fall through to the modification time
      }
    }
    return Instant.ofEpochMilli(modifiedMs).atOffset(ZoneOffset.UTC).toLocalDate();
  }
}

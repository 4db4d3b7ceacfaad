package io.callqa.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Finds the recordings of a run through the Hadoop FileSystem API (file://, hdfs://, s3a://): a file, a
 * folder (searched recursively) or a glob. Hidden files ({@code .name}, {@code _name}) are skipped; every
 * other file is a recording candidate, so a stray non-audio file ends up as a {@code failed} row rather
 * than being silently ignored. Only metadata is read here, on the driver; contents are read by executors.
 */
public final class Discovery {
  private Discovery() {}

  public static List<RecordingTask> find(String input, Manifest manifest, Configuration conf) {
    try {
      Path pattern = new Path(input);
      FileSystem fs = pattern.getFileSystem(conf);
      FileStatus[] matches = fs.globStatus(pattern);
      if (matches == null || matches.length == 0) {
        throw CallqaException.inputNotFound(input);
      }
      List<RecordingTask> out = new ArrayList<>();
      for (FileStatus m : matches) {
        if (m.isDirectory()) {
          RemoteIterator<LocatedFileStatus> it = fs.listFiles(m.getPath(), true);
          while (it.hasNext()) {
            add(it.next(), m.getPath(), manifest, out);
          }
        } else {
          add(m, null, manifest, out);
        }
      }
      if (out.isEmpty()) {
        throw CallqaException.inputNotFound(input);
      }
      out.sort(Comparator.comparing(RecordingTask::path));
      return out;
    } catch (IOException e) {
      throw CallqaException.inputUnreadable(input, e);
    }
  }

  private static void add(FileStatus f, Path root, Manifest manifest, List<RecordingTask> out) {
    if (!f.isFile() || hidden(f.getPath(), root)) {
      return;
    }
    String path = f.getPath().toString();
    out.add(new RecordingTask(path, f.getLen(), f.getModificationTime(), manifest.lookup(path), null, null));
  }

  /** True when the file or a folder between it and the input root is hidden. */
  private static boolean hidden(Path p, Path root) {
    for (Path cur = p; cur != null && !cur.equals(root); cur = cur.getParent()) {
      String n = cur.getName();
      if (n.startsWith(".") || n.startsWith("_")) {
        return true;
      }
    }
    return false;
  }
}

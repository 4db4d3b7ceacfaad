package io.callqa.ingest;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the recordings of a run through the Hadoop FileSystem API (file://, hdfs://, s3a://): a file, a
 * folder (searched recursively) or a glob. Hidden files ({@code .name}, {@code _name}) are skipped; every
 * other file is a recording candidate, so a stray non-audio file ends up as a {@code failed} row rather
 * than being silently ignored. Only metadata is read here, on the driver; contents are read by executors.
 *
 * <p>Hostile trees: a folder named like a recording ({@code x.wav/}) is searched, not ingested. Each folder is
 * searched once, so a symbolic link to a folder already searched (a loop such as {@code sub/up -> ..}) is skipped
 * with a warning instead of being followed until the path gets too long. On the local file system, a symbolic link
 * whose target is missing or that loops ({@code a.wav -> b.wav -> a.wav}), which Hadoop's listing leaves out
 * silently, becomes a task that fails with a message saying so.
 */
public final class Discovery {
  private static final Logger LOG = LoggerFactory.getLogger(Discovery.class);

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
      Set<String> searched = new HashSet<>();
      for (FileStatus m : matches) {
        if (m.isDirectory()) {
          walk(fs, m.getPath(), manifest, searched, out);
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

  /** Depth-first through the folders under {@code root}, each real folder once. */
  private static void walk(FileSystem fs, Path root, Manifest manifest, Set<String> searched,
      List<RecordingTask> out) throws IOException {
    Deque<Path> todo = new ArrayDeque<>();
    todo.push(root);
    while (!todo.isEmpty()) {
      Path dir = todo.pop();
      String identity = identity(fs, dir);
      if (!searched.add(identity)) {
        LOG.warn("Not searching {} again: it is a symbolic link to the folder {} (a link loop?)", dir, identity);
        continue;
      }
      FileStatus[] entries = fs.listStatus(dir);
      Set<String> listed = new HashSet<>();
      for (FileStatus e : entries) {
        listed.add(e.getPath().getName());
        if (hidden(e.getPath(), root)) {
          continue;
        }
        if (e.isDirectory()) {
          todo.push(e.getPath());
        } else {
          add(e, root, manifest, out);
        }
      }
      if (fs instanceof LocalFileSystem local) {
        addBrokenLinks(local, dir, root, listed, manifest, out);
      }
    }
  }

  /** A folder's identity: its real path on the local file system (links resolved), else its path. */
  private static String identity(FileSystem fs, Path dir) {
    if (fs instanceof LocalFileSystem local) {
      try {
        return local.pathToFile(dir).toPath().toRealPath().toString();
      } catch (IOException e) {
        return dir.toString();
      }
    }
    return dir.toString();
  }

  /** Entries of a local folder that Hadoop's listing dropped because their link cannot be followed. */
  private static void addBrokenLinks(LocalFileSystem fs, Path dir, Path root, Set<String> listed, Manifest manifest,
      List<RecordingTask> out) {
    java.nio.file.Path local = fs.pathToFile(dir).toPath();
    try (DirectoryStream<java.nio.file.Path> names = Files.newDirectoryStream(local)) {
      for (java.nio.file.Path p : names) {
        String name = p.getFileName().toString();
        Path path = new Path(dir, new Path(null, null, name));
        if (listed.contains(name) || hidden(path, root) || !Files.isSymbolicLink(p)) {
          continue;
        }
        String why;
        try {
          p.toRealPath();
          continue; // followable after all (created meanwhile)
        } catch (NoSuchFileException e) {
          why = "it is a symbolic link to " + readLink(p) + ", which does not exist";
        } catch (FileSystemException e) {
          why = "it is a symbolic link to " + readLink(p) + " that cannot be followed (" + e.getReason()
              + "; links that point at each other form a loop)";
        } catch (IOException e) {
          why = "it is a symbolic link to " + readLink(p) + " that cannot be followed (" + e.getMessage() + ")";
        }
        long modified = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis();
        String s = path.toString();
        out.add(new RecordingTask(s, 0, modified, manifest.lookup(s), null, why + "; point it at the recording"));
      }
    } catch (IOException e) {
      LOG.warn("Could not look for broken links in {}: {}", dir, e.getMessage());
    }
  }

  private static String readLink(java.nio.file.Path p) {
    try {
      return Files.readSymbolicLink(p).toString();
    } catch (IOException e) {
      return "?";
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

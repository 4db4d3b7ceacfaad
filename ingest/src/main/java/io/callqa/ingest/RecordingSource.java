package io.callqa.ingest;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where a recording's bytes come from. {@link CallProcessor} opens it more than once (features in one pass, each
 * channel's speech regions in another) instead of holding the decoded recording in memory; each stream it opens
 * it also closes.
 */
@FunctionalInterface
public interface RecordingSource {
  /** A new stream over the recording's bytes from the start; the caller closes it. */
  InputStream open() throws IOException;

  /** The recording at {@code path} (any Hadoop file system URI), read through the Hadoop FileSystem API. */
  static RecordingSource hadoop(String path, org.apache.hadoop.conf.Configuration conf) {
    return () -> HadoopInputStream.open(path, conf);
  }
}

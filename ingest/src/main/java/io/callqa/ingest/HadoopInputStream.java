package io.callqa.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.Path;

/**
 * A recording opened through the Hadoop FileSystem API whose read errors are {@link IOException}s. Hadoop's local
 * file system reports a failed read (a disk error, EIO) as {@link FSError}, an {@link Error} that would kill the
 * Spark task and with it the batch; here it becomes an {@link IOException}, which the error policy turns into a
 * {@code failed} row for that one recording.
 */
final class HadoopInputStream extends FilterInputStream {

  private HadoopInputStream(InputStream in) {
    super(in);
  }

  /** Opens {@code path}; the caller closes the stream. */
  static InputStream open(String path, Configuration conf) throws IOException {
    Path p = new Path(path);
    try {
      return new HadoopInputStream(p.getFileSystem(conf).open(p));
    } catch (FSError e) {
      throw ioError(e);
    }
  }

  @Override
  public int read() throws IOException {
    try {
      return super.read();
    } catch (FSError e) {
      throw ioError(e);
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      return super.read(b, off, len);
    } catch (FSError e) {
      throw ioError(e);
    }
  }

  @Override
  public long skip(long n) throws IOException {
    try {
      return super.skip(n);
    } catch (FSError e) {
      throw ioError(e);
    }
  }

  private static IOException ioError(FSError e) {
    return e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e);
  }
}

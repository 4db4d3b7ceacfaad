package io.callqa.cluster;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * Main class of the HDFS child JVM: a real NameNode and DataNode (Hadoop's MiniDFSCluster) on 127.0.0.1 with
 * their storage under the given folder. Writes {@code hdfs://127.0.0.1:<port>} to the given file once HDFS is up,
 * then runs until killed.
 *
 * <p>Arguments: {@code <storage dir> <uri file>}.
 */
public final class HdfsNode {
  private HdfsNode() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: HdfsNode <storage dir> <uri file>");
    }
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, Path.of(args[0]).toAbsolutePath().toString());
    conf.setBoolean("dfs.permissions.enabled", false);
    conf.setInt("dfs.replication", 1);
    MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf).nameNodePort(0).nameNodeHttpPort(0)
        .numDataNodes(1).format(true).build();
    cluster.waitActive();
    Runtime.getRuntime().addShutdownHook(new Thread(cluster::shutdown, "hdfs-shutdown"));
    Path uriFile = Path.of(args[1]);
    Path tmp = uriFile.resolveSibling(uriFile.getFileName() + ".tmp");
    Files.writeString(tmp, "hdfs://127.0.0.1:" + cluster.getNameNodePort(), StandardCharsets.UTF_8);
    Files.move(tmp, uriFile, StandardCopyOption.ATOMIC_MOVE);
    Thread.currentThread().join();
  }
}

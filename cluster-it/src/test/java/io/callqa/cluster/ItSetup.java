package io.callqa.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What the cluster tests need from the build, passed by failsafe as system properties (see cluster-it/pom.xml):
 * the shaded application jar, the Spark jars and the JVM flags Spark needs on Java 17.
 *
 * @param repoRoot the repository (for examples/)
 * @param appJar cli/target/callqa.jar
 * @param sparkJars Spark and its dependencies, without test libraries
 * @param jvmOptions the --add-opens flags Spark needs
 */
record ItSetup(Path repoRoot, Path appJar, List<Path> sparkJars, List<String> jvmOptions) {

  static ItSetup fromSystemProperties() throws IOException {
    Path root = Path.of(required("callqa.repo.root"));
    Path jar = Path.of(required("callqa.jar")).normalize();
    Path cpFile = Path.of(required("callqa.spark.classpath")).normalize();
    if (!Files.isRegularFile(jar) || !Files.isRegularFile(cpFile)) {
      throw new IllegalStateException("The cluster test needs " + jar + " and " + cpFile + ", which cli builds in"
          + " the package phase: run it with `mvn -B verify` (or `mvn -B verify -pl cluster-it -am`).");
    }
    List<Path> jars = Arrays.stream(Files.readString(cpFile).trim().split(java.io.File.pathSeparator))
        .filter(s -> !s.isBlank()).map(Path::of).toList();
    List<String> opts = Arrays.stream(required("callqa.jvm.options").trim().split("\\s+")).toList();
    return new ItSetup(root, jar, jars, opts);
  }

  String sparkClasspath() {
    return String.join(java.io.File.pathSeparator, sparkJars.stream().map(Path::toString).toList());
  }

  private static String required(String key) {
    String v = System.getProperty(key);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException("system property " + key + " is not set; run the cluster test through Maven"
          + " (`mvn -B verify`), whose failsafe configuration in cluster-it/pom.xml sets it");
    }
    return v;
  }
}

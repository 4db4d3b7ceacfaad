package io.callqa.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Versions stamped in at build time (pipeline version, default model version). */
public final class BuildInfo {
  private static final Properties PROPS = load();

  private BuildInfo() {}

  public static String pipelineVersion() {
    return PROPS.getProperty("pipeline.version");
  }

  public static String voskModelVersion() {
    return PROPS.getProperty("vosk.model.version");
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
      if (in == null) {
        throw new IllegalStateException("build.properties missing from the callqa-ingest jar");
      }
      p.load(in);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

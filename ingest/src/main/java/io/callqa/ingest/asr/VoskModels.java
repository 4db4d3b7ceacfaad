package io.callqa.ingest.asr;

import io.callqa.ingest.BuildInfo;
import io.callqa.ingest.CallqaException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;

/**
 * Loads Vosk models once per JVM and shares them between threads (a Vosk {@link Model} is thread-safe;
 * a recogniser is not, see {@link Transcriber}).
 *
 * <p>The default model is Maven Central's {@code vosk-model-en} aar, packed into the application jar as
 * a resource. It is extracted once per machine into a cache directory ({@code $CALLQA_MODEL_CACHE}, else
 * {@code ~/.cache/callqa/models}, else {@code java.io.tmpdir}), guarded by a file lock so that several
 * executor JVMs on one host extract it once. So executors on a cluster need no shared file system.
 *
 * <p>The bundled model is made deterministic on extraction (no feature dithering, see
 * {@link #makeDeterministic}); a model given with {@code --model} is used as it is.
 *
 * <p>Models stay loaded until the JVM exits; a shutdown hook closes each exactly once. Each load logs one INFO
 * line starting with {@link #LOADED_LOG_PREFIX} (on a cluster: in the executor's log), so operators and the
 * cluster test can check that an executor loads its model once, not once per task.
 */
public final class VoskModels {
  static final String DEFAULT_MODEL_RESOURCE = "/io/callqa/ingest/model/vosk-model-en.aar";
  private static final String AAR_MODEL_PREFIX = "assets/model-en-us/";
  /** Start of the log line written once per model load (the cluster test counts these per executor). */
  public static final String LOADED_LOG_PREFIX = "callqa: loaded Vosk model";
  private static final Logger LOG = LoggerFactory.getLogger(VoskModels.class);
  private static final Map<String, Model> LOADED = new ConcurrentHashMap<>();
  private static final java.util.concurrent.atomic.AtomicInteger LOADS = new java.util.concurrent.atomic.AtomicInteger();

  static {
    LibVosk.setLogLevel(LogLevel.WARNINGS);
    Runtime.getRuntime().addShutdownHook(new Thread(VoskModels::closeAll, "callqa-vosk-close"));
  }

  private VoskModels() {}

  /** The name written to {@code calls.asr_model} for a model directory ({@code null} = the default model). */
  public static String displayName(String modelDir) {
    return modelDir == null ? "vosk-model-en-" + BuildInfo.voskModelVersion() : Path.of(modelDir).getFileName().toString();
  }

  /**
   * The shared model for {@code modelDir}, loading it on first use in this JVM.
   *
   * @param modelDir a Vosk model directory on the local file system, or {@code null} for the bundled default
   * @throws CallqaException when the model cannot be found or loaded
   */
  public static Model shared(String modelDir) {
    String key = modelDir == null ? "<default>" : modelDir;
    return LOADED.computeIfAbsent(key, k -> load(modelDir == null ? defaultModelDir() : Path.of(modelDir)));
  }

  /** How many models this JVM has loaded so far (for tests and logs). */
  public static int loadCount() {
    return LOADS.get();
  }

  /** Checks that {@code modelDir} looks like a Vosk model, without loading it. */
  public static void validate(String modelDir) {
    if (modelDir == null) {
      return;
    }
    Path dir = Path.of(modelDir);
    if (!Files.isDirectory(dir)) {
      throw CallqaException.model(modelDir, "not a directory", null);
    }
    if (!Files.isDirectory(dir.resolve("am")) && !Files.exists(dir.resolve("final.mdl"))) {
      throw CallqaException.model(modelDir, "no am/ folder in it", null);
    }
  }

  private static Model load(Path dir) {
    try {
      long t0 = System.nanoTime();
      Model model = new Model(dir.toString());
      int n = LOADS.incrementAndGet();
      LOG.info("{} {} in {} ms (model loads in this JVM: {})", LOADED_LOG_PREFIX, dir,
          (System.nanoTime() - t0) / 1_000_000, n);
      return model;
    } catch (IOException | RuntimeException | Error e) {
      throw CallqaException.model(dir.toString(), String.valueOf(e.getMessage()), e);
    }
  }

  private static synchronized void closeAll() {
    LOADED.values().forEach(Model::close);
    LOADED.clear();
  }

  /** Extracts the bundled model (once per cache directory) and returns its directory. */
  static Path defaultModelDir() {
    Path cache = cacheRoot();
    Path target = cache.resolve("vosk-model-en-" + BuildInfo.voskModelVersion() + "-nodither");
    if (Files.exists(target.resolve(".complete"))) {
      return target;
    }
    try {
      Files.createDirectories(cache);
      try (FileChannel ch = FileChannel.open(cache.resolve(".lock"), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
        if (!Files.exists(target.resolve(".complete"))) {
          extract(target);
        }
      }
      return target;
    } catch (IOException e) {
      throw CallqaException.model("bundled with callqa", "cannot extract it to " + cache + " (" + e.getMessage()
          + "); set CALLQA_MODEL_CACHE to a writable directory", e);
    }
  }

  private static void extract(Path target) throws IOException {
    Path tmp = Files.createTempDirectory(target.getParent(), ".extract-");
    try (InputStream in = VoskModels.class.getResourceAsStream(DEFAULT_MODEL_RESOURCE)) {
      if (in == null) {
        throw new IOException("the application jar has no " + DEFAULT_MODEL_RESOURCE
            + " (was it built with `mvn package`?)");
      }
      try (ZipInputStream zip = new ZipInputStream(in)) {
        for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
          if (!e.getName().startsWith(AAR_MODEL_PREFIX) || e.isDirectory()) {
            continue;
          }
          Path out = tmp.resolve(e.getName().substring(AAR_MODEL_PREFIX.length())).normalize();
          if (!out.startsWith(tmp)) {
            throw new IOException("unsafe entry " + e.getName());
          }
          Files.createDirectories(out.getParent());
          Files.copy(zip, out, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      makeDeterministic(tmp.resolve("conf/mfcc.conf"));
      Files.createFile(tmp.resolve(".complete"));
      deleteTree(target);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target);
      }
    } finally {
      deleteTree(tmp);
    }
  }

  /**
   * Turns off Kaldi's feature dithering (random noise added to every frame, on by default), so the same audio
   * always gives the same words, times and confidences: a rerun or a reprocessed call reproduces its rows, and an
   * audit can be repeated. {@link Transcriber} adds the equivalent noise from a fixed seed instead.
   */
  private static void makeDeterministic(Path mfccConf) throws IOException {
    if (!Files.exists(mfccConf)) {
      throw new IOException("the bundled model has no conf/mfcc.conf");
    }
    String conf = Files.readString(mfccConf);
    if (!conf.contains("--dither")) {
      Files.writeString(mfccConf, conf + (conf.endsWith("\n") ? "" : "\n") + "--dither=0.0\n");
    }
  }

  private static Path cacheRoot() {
    String env = System.getenv("CALLQA_MODEL_CACHE");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    Path home = Path.of(System.getProperty("user.home", "/nonexistent"), ".cache", "callqa", "models");
    if (Files.isWritable(home) || (!Files.exists(home) && home.getParent() != null && isCreatable(home))) {
      return home;
    }
    return Path.of(System.getProperty("java.io.tmpdir"), "callqa-models");
  }

  private static boolean isCreatable(Path dir) {
    try {
      Files.createDirectories(dir);
      return Files.isWritable(dir);
    } catch (IOException e) {
      return false;
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}

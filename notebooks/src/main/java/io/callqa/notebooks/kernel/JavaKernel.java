package io.callqa.notebooks.kernel;

import io.callqa.notebooks.Display;
import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;

/**
 * A Jupyter kernel for Java: each cell is split into JShell snippets and evaluated in this JVM (JShell's
 * {@code local} execution engine), so cells see this module's classes and libraries on the kernel's class path
 * and can publish rich output through {@link Display}. Nothing is resolved or downloaded at run time.
 *
 * <p>A cell fails (Jupyter error reply) when a snippet does not compile, refers to something undefined, or
 * throws. The value of a cell's last expression is shown as text.
 */
public final class JavaKernel extends BaseKernel {
  /** Imports every cell starts with, so notebooks need no boilerplate. */
  private static final List<String> DEFAULT_IMPORTS = List.of("java.util.*", "java.util.stream.*", "java.nio.file.*",
      "java.time.*", "io.callqa.notebooks.*", "org.knowm.xchart.*", "org.knowm.xchart.style.Styler");

  /** Held so the level set in main is not lost when JUL drops an unreferenced logger. */
  private static final java.util.logging.Logger MESSAGING_LOG =
      java.util.logging.Logger.getLogger("io.github.spencerpark");

  private final JShell shell;
  private final LanguageInfo languageInfo;

  JavaKernel() {
    this.shell = JShell.builder().executionEngine("local").build();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        shell.addToClasspath(entry);
      }
    }
    for (String imp : DEFAULT_IMPORTS) {
      shell.eval("import " + imp + ";");
    }
    this.languageInfo = new LanguageInfo.Builder("java").version(Runtime.version().toString())
        .mimetype("text/x-java-source").fileExtension(".jshell").pygments("java").codemirror("text/x-java")
        .build();
    Display.setSink((mime, data) -> {
      DisplayData display = new DisplayData();
      display.putData(mime, data);
      display(display);
    });
  }

  @Override
  public LanguageInfo getLanguageInfo() {
    return languageInfo;
  }

  @Override
  public String getBanner() {
    return "Java " + Runtime.version() + " (JShell) with the callqa notebook library";
  }

  @Override
  public DisplayData eval(String code) throws Exception {
    SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
    String remaining = code;
    String lastValue = null;
    while (!remaining.isBlank()) {
      SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
      String source = info.completeness().isComplete() ? info.source() : remaining;
      remaining = info.completeness().isComplete() ? info.remaining() : "";
      lastValue = null;
      for (SnippetEvent event : shell.eval(source)) {
        if (event.causeSnippet() == null) { // not the update of a snippet that depends on this one
          lastValue = check(event, source);
        }
      }
    }
    return lastValue == null ? null : new DisplayData(lastValue);
  }

  /** Throws {@link CellException} when the event reports a failure; returns the value to show, if any. */
  private String check(SnippetEvent event, String source) {
    Snippet snippet = event.snippet();
    if (event.exception() != null) {
      throw new CellException(describe(event.exception()), event.exception());
    }
    switch (event.status()) {
      case REJECTED -> {
        String diagnostics = shell.diagnostics(snippet).map(d -> render(d, source)).collect(Collectors.joining("\n"));
        throw new CellException("compilation error:\n" + diagnostics, null);
      }
      case RECOVERABLE_DEFINED, RECOVERABLE_NOT_DEFINED -> {
        List<String> missing = new ArrayList<>();
        if (snippet instanceof jdk.jshell.DeclarationSnippet declaration) {
          shell.unresolvedDependencies(declaration).forEach(missing::add);
        }
        throw new CellException("the code refers to something not defined: " + missing, null);
      }
      default -> {
        // VALID or OVERWRITTEN
      }
    }
    return switch (snippet.subKind()) {
      case TEMP_VAR_EXPRESSION_SUBKIND, VAR_VALUE_SUBKIND, OTHER_EXPRESSION_SUBKIND -> event.value();
      default -> null;
    };
  }

  private static String render(Diag diag, String source) {
    long start = Math.max(0, diag.getStartPosition());
    long end = Math.min(source.length(), Math.max(start, diag.getEndPosition()));
    String where = source.substring((int) start, (int) end);
    return diag.getMessage(null) + (where.isBlank() ? "" : "\n    at: " + where.strip());
  }

  private static String describe(Exception e) {
    if (e instanceof EvalException eval) {
      String message = eval.getMessage();
      return eval.getExceptionClassName() + (message == null ? "" : ": " + message);
    }
    if (e instanceof UnresolvedReferenceException unresolved) {
      return "unresolved reference in " + unresolved.getSnippet().source().strip();
    }
    return e.toString();
  }

  @Override
  public List<String> formatError(Exception e) {
    List<String> lines = new ArrayList<>();
    lines.add(errorStyler.primary(e.getMessage()));
    Throwable cause = e.getCause();
    if (cause != null) {
      for (StackTraceElement element : cause.getStackTrace()) {
        lines.add(errorStyler.secondary("    at " + element));
      }
      for (Throwable c = cause.getCause(); c != null; c = c.getCause()) {
        lines.add(errorStyler.primary("caused by: " + c));
      }
    }
    return lines;
  }

  @Override
  public void interrupt() {
    shell.stop();
  }

  @Override
  public void onShutdown(boolean isRestarting) {
    Display.setSink(null);
    shell.close();
  }

  /** A cell failed: compile error, undefined reference or exception. */
  static final class CellException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CellException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Entry point named in kernel.json: {@code JavaKernel <connection file>}. */
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: JavaKernel <jupyter connection file> (Jupyter passes it; see kernel.json)");
      System.exit(2);
    }
    // The messaging library logs every socket start and stop at INFO; the notebook server shows stderr.
    MESSAGING_LOG.setLevel(java.util.logging.Level.WARNING);
    for (java.util.logging.Handler handler : java.util.logging.Logger.getLogger("").getHandlers()) {
      handler.setLevel(java.util.logging.Level.WARNING);
    }
    String connection = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
    JavaKernel kernel = new JavaKernel();
    JupyterConnection jupyter = new JupyterConnection(KernelConnectionProperties.parse(connection));
    kernel.becomeHandlerForConnection(jupyter);
    jupyter.connect();
    jupyter.waitUntilClose();
  }
}

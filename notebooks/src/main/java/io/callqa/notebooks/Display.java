package io.callqa.notebooks;

import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Where rich output goes: the notebook kernel registers a sink that publishes each item as a Jupyter
 * {@code display_data} message. Outside a kernel there is no sink and showing something is an error.
 */
public final class Display {
  private static volatile BiConsumer<String, Object> sink;

  private Display() {}

  /** Set by the kernel at start-up; {@code null} removes it. */
  public static void setSink(BiConsumer<String, Object> newSink) {
    sink = newSink;
  }

  /** Publishes one item: {@code data} is a string for text types and base64 for images. */
  public static void publish(String mimeType, Object data) {
    Objects.requireNonNull(data, "data");
    BiConsumer<String, Object> current = sink;
    if (current == null) {
      throw new IllegalStateException("no notebook to display in: Display.publish works inside the callqa Java "
          + "kernel (see README, Notebooks)");
    }
    current.accept(mimeType, data);
  }

  /** Shows a line of markdown, e.g. a heading with a figure. */
  public static void markdown(String markdown) {
    publish("text/markdown", markdown);
  }
}

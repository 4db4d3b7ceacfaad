package io.callqa.ingest;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Prints "recordings done / total, audio minutes, elapsed" to stderr every few seconds while a stage runs,
 * reading counters that executors update (Spark accumulators). Close it to print the final line.
 */
public final class Progress implements AutoCloseable {
  private final String stage;
  private final long total;
  private final LongSupplier done;
  private final DoubleSupplier audioSeconds;
  private final PrintStream out;
  private final long startNanos = System.nanoTime();
  private final Thread thread;
  private volatile boolean running = true;

  public Progress(String stage, long total, LongSupplier done, DoubleSupplier audioSeconds, PrintStream out) {
    this.stage = stage;
    this.total = total;
    this.done = done;
    this.audioSeconds = audioSeconds;
    this.out = out;
    this.thread = new Thread(this::loop, "callqa-progress");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  private void loop() {
    long last = -1;
    while (running) {
      long d = done.getAsLong();
      if (d != last) {
        print(d);
        last = d;
      }
      try {
        Thread.sleep(2000);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void print(long d) {
    long secs = (System.nanoTime() - startNanos) / 1_000_000_000L;
    out.printf(Locale.ROOT, "[%s] %d/%d recordings, %.1f audio min, %02d:%02d elapsed%n", stage, d, total,
        audioSeconds.getAsDouble() / 60.0, secs / 60, secs % 60);
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    print(done.getAsLong());
  }
}

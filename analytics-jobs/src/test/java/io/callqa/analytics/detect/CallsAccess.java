package io.callqa.analytics.detect;

import java.nio.file.Path;

/** Gives tests in other packages the repository root lookup of {@link Calls}. */
public final class CallsAccess {
  private CallsAccess() {}

  public static Path repoRoot() {
    return Calls.repoRoot();
  }
}

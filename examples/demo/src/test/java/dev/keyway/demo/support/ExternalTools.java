package dev.keyway.demo.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need a program from the machine (curl, chromium) skip with a visible message on a
 * developer's machine that lacks it, and fail in CI ({@code CI=true}), where a missing tool must
 * never pass silently.
 */
public final class ExternalTools {

  private ExternalTools() {}

  /** True when running in CI. */
  public static boolean inCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** Skips (or, in CI, fails) the test unless every path is an executable file. */
  public static void require(String what, String installHint, Path... executables) {
    for (Path p : executables) {
      if (!Files.isExecutable(p)) {
        String message = what + " is not installed (" + p + " missing); " + installHint;
        if (inCi()) {
          fail("CI=true and " + message);
        }
        System.err.println("SKIPPED: " + message);
        Assumptions.abort(message);
      }
    }
  }

  /** The first executable named {@code name} on the PATH, or {@code /usr/bin/<name>}. */
  public static Path onPath(String name) {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    return Path.of("/usr/bin", name);
  }
}

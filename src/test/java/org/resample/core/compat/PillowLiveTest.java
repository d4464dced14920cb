package org.resample.core.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Differential test against the real Pillow: {@code src/test/python/compat/pillow_live.py} draws
 * random cases (every filter, modes L/RGB/RGBA/F, random sizes, reducing_gap, very tall images)
 * from a seed, resizes them with the Pillow of the project's {@code .venv}, and the profile must
 * give the same numbers. Seed: {@code -Dpillow.live.seed} (default fixed; the one used is printed).
 * Needs {@code <repo>/.venv/bin/python} with numpy and Pillow
 * ({@code src/test/python/compat/requirements-pillow.txt}); fails saying how to install it if not.
 */
class PillowLiveTest {
  private static final long SEED = Long.getLong("pillow.live.seed", 20261203L);
  private static final int COUNT = Integer.getInteger("pillow.live.count", 200);
  private static final String REQUIREMENTS = "src/test/python/compat/requirements-pillow.txt";

  @Test
  void randomCasesMatchTheInstalledPillow() throws Exception {
    Path root = projectDir();
    Path python = root.resolve(".venv/bin/python");
    String install = "create it with: cd " + root + " && python3 -m venv .venv && "
        + ".venv/bin/pip install -r " + REQUIREMENTS;
    if (!Files.isExecutable(python)) {
      fail("PillowLiveTest needs a Python venv with Pillow at " + python + "; " + install);
    }
    String probe =
        run(root, 120, python.toString(), "-c", "import numpy, PIL; print(PIL.__version__)");
    if (probe.startsWith("!")) {
      fail(python + " cannot import numpy and PIL (" + probe.substring(1).trim() + "); " + install);
    }
    Path out = Files.createTempDirectory("pillow-live-");
    try {
      String log = run(root, 600, python.toString(),
          root.resolve("src/test/python/compat/pillow_live.py").toString(),
          "--seed", Long.toString(SEED), "--count", Integer.toString(COUNT),
          "--out", out.toString());
      assertTrue(!log.startsWith("!"), "pillow_live.py failed (seed " + SEED + "):\n" + log);
      PillowFixtures f = PillowFixtures.run(file -> Files.newInputStream(out.resolve(file)));
      System.out.println("PillowLiveTest: seed " + SEED + " (reproduce with -Dpillow.live.seed="
          + SEED + "), Pillow " + f.pillowVersion() + ", " + f.count + " cases:\n"
          + f.tally.report());
      assertEquals(COUNT, f.count, "cases run");
      assertTrue(f.failures.isEmpty(), f.failures.size() + " random cases (seed " + SEED
          + ") differ from Pillow " + f.pillowVersion() + ":\n" + String.join("\n", f.failures));
    } finally {
      try (Stream<Path> s = Files.walk(out)) {
        for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** Output of the command, or "!" + output when it failed or timed out. */
  private static String run(Path dir, int timeoutS, String... cmd)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder(List.of(cmd)).directory(dir.toFile())
        .redirectErrorStream(true).start();
    byte[] outBytes = p.getInputStream().readAllBytes();
    String log = new String(outBytes, StandardCharsets.UTF_8);
    if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return "!timed out after " + timeoutS + " s: " + log;
    }
    return p.exitValue() == 0 ? log : "!exit " + p.exitValue() + ": " + log;
  }

  private static Path projectDir() {
    String basedir = System.getProperty("basedir");
    if (basedir != null && new File(basedir, "pom.xml").isFile()) {
      return Paths.get(basedir);
    }
    return Paths.get(System.getProperty("user.dir"));
  }
}

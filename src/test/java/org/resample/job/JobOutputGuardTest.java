package org.resample.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An output is written by one run at a time and overwritten only when {@code --write-mode
 * overwrite} says so: through the launcher, a second run on an output another run is writing is
 * refused in either mode (exit 3) and the first run's result is complete; the leftovers of a dead
 * run are replaced only with overwrite.
 */
class JobOutputGuardTest {
  @TempDir static Path dir;
  static String input;

  static final List<String> SPECS = List.of(
      "--column", "image:size=48x48,mode=bicubic,output=image_large", "--column", "volume:scale=2x2x2,mode=nearest");

  @BeforeAll
  static void data() {
    input = JobTesting.demoData(dir.resolve("input"), 96, true, 24, 0);
  }

  private static String[] args(String output, String... more) {
    List<String> a = new ArrayList<>(List.of("--input", input, "--output", output));
    a.addAll(SPECS);
    a.addAll(List.of(more));
    return a.toArray(new String[0]);
  }

  private static boolean hasMarker(Path output) {
    if (!Files.isDirectory(output)) {
      return false;
    }
    try (Stream<Path> s = Files.list(output)) {
      return s.anyMatch(p -> p.getFileName().toString().startsWith(OutputGuard.MARKER_PREFIX));
    } catch (IOException | java.io.UncheckedIOException e) {
      return false;
    }
  }

  @Test
  void aSecondRunOnAnOutputBeingWritten_isRefused_andTheFirstCompletes() {
    String reference = JobTesting.localRun(dir.resolve("ref"), input, SPECS);
    Path output = dir.resolve("shared");
    Path logA = dir.resolve("first.log");
    Process first = JobTesting.startLaunch(dir, logA, Map.of(), List.of("--master", "local[1]"), List.of(args(output.toString())));
    JobTesting.await("the first run to hold its output", Duration.ofMinutes(3), () -> {
      assertTrue(first.isAlive(), () -> "first run ended early:\n" + JobTesting.tail(logA));
      return hasMarker(output);
    });
    // The first run is stopped (SIGSTOP) while the others start, so it is surely still writing then,
    // however fast this machine is; jobs/resample execs the JVM, so the process is the job's.
    signal("STOP", first);
    JobTesting.Launched second;
    JobTesting.Launched third;
    try {
      second = JobTesting.launch(dir, "second", args(output.toString()));
      third = JobTesting.launch(dir, "third", args(output.toString(), "--write-mode", "overwrite"));
    } finally {
      signal("CONT", first);
    }
    for (JobTesting.Launched r : List.of(second, third)) {
      assertEquals(ResampleJob.EXIT_BAD_INPUT, r.exitCode, r::toString);
      assertTrue(r.output.contains("is being written by another run of the job (started "), r::toString);
    }
    assertEquals(0, JobTesting.exitCode(first, Duration.ofMinutes(5), logA), () -> JobTesting.tail(logA));
    JobTesting.assertSameRows(reference, output.toString());
    assertFalse(hasMarker(output), "the marker goes with the run");
  }

  private static void signal(String name, Process p) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).inheritIO().start();
      assertEquals(0, kill.waitFor(), "kill -" + name);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A marker as a run on {@code host} with {@code pid} leaves it, last renewed {@code age} ago. */
  private static Path marker(Path output, String host, long pid, Duration age) throws IOException {
    Files.createDirectories(output.resolve("_temporary/0"));
    Files.writeString(output.resolve("_temporary/0/part-00000.parquet"), "half-written");
    Path m = output.resolve(OutputGuard.MARKER_PREFIX + host);
    Files.writeString(m, "{\"host\": \"" + host + "\", \"pid\": " + pid + ", \"started\": \"2026-01-01T00:00:00Z\"}\n");
    Files.setLastModifiedTime(m, FileTime.from(Instant.now().minus(age)));
    return m;
  }

  @Test
  void leftoversOfADeadRun_areReplacedOnlyWithOverwrite_andALiveRunNever() throws Exception {
    // another host's run, silent for 10 minutes: dead
    Path dead = dir.resolve("dead");
    marker(dead, "elsewhere.example", 4242, Duration.ofMinutes(10));
    JobTesting.Launched refused = JobTesting.launch(dir, "dead-error", args(dead.toString()));
    assertEquals(ResampleJob.EXIT_BAD_INPUT, refused.exitCode, refused::toString);
    assertTrue(refused.output.contains("holds the leftovers of a run that died before it committed (started"
        + " 2026-01-01T00:00:00Z on host elsewhere.example (pid 4242), last sign of life 6"), refused::toString);
    assertTrue(refused.output.contains("pass --write-mode overwrite to replace them"), refused::toString);
    JobTesting.Launched replaced = JobTesting.launch(dir, "dead-overwrite", args(dead.toString(), "--write-mode", "overwrite"));
    assertEquals(0, replaced.exitCode, replaced::toString);
    assertFalse(Files.exists(dead.resolve("_temporary")));
    assertFalse(hasMarker(dead));
    assertEquals(96, JobTesting.spark().read().parquet(dead.toString()).count());

    // this host's run whose process is gone: dead at once
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path local = dir.resolve("local");
    marker(local, InetAddress.getLocalHost().getHostName(), gone.pid(), Duration.ZERO);
    JobTesting.Launched again = JobTesting.launch(dir, "local-overwrite", args(local.toString(), "--write-mode", "overwrite"));
    assertEquals(0, again.exitCode, again::toString);

    // another host's run renewed a moment ago: alive, whatever the mode
    Path live = dir.resolve("live");
    Path m = marker(live, "elsewhere.example", 4242, Duration.ofSeconds(1));
    Map<String, String> before = JobTesting.snapshot(live);
    JobTesting.Launched blocked = JobTesting.launch(dir, "live-overwrite", args(live.toString(), "--write-mode", "overwrite"));
    assertEquals(ResampleJob.EXIT_BAD_INPUT, blocked.exitCode, blocked::toString);
    assertTrue(blocked.output.contains("is being written by another run of the job (started 2026-01-01T00:00:00Z on"
        + " host elsewhere.example (pid 4242)"), blocked::toString);
    assertEquals(before, JobTesting.snapshot(live), "nothing of the other run's was touched");
    assertTrue(Files.exists(m));
  }
}

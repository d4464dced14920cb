package org.resample.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.resample.spark.SafeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One output directory (the output or the quarantine) held by this run while it writes, so that
 * nothing is overwritten unless {@code --write-mode overwrite} says so, and two runs never write one
 * output at the same time.
 *
 * <p>A run announces itself with a marker file {@code _resample_writing.RUN} in the directory
 * (Parquet readers skip names starting with {@code _}) holding its host, process id and start
 * time, rewrites it every {@value #HEARTBEAT_SECONDS} s while it runs, and deletes it when it ends.
 * A run that finds another run's marker alive refuses to start, whatever the write mode; a marker is
 * dead when its process is gone (same host) or it has not been rewritten for {@value
 * #STALE_SECONDS} s (the file system's clock). Holding works without atomic file creation: a run
 * creates its own marker first, then looks for others, so of two runs starting together at least
 * one sees the other (both may refuse; neither overwrites).
 */
final class OutputGuard implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ResampleJob.class);

  static final String MARKER_PREFIX = "_resample_writing.";
  static final int HEARTBEAT_SECONDS = 10;
  static final int STALE_SECONDS = 60;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HOST = hostName();
  private static final long PID = ProcessHandle.current().pid();

  private final FileSystem fs;
  private final Path dir;
  private final Path marker;
  private final String content;
  private final boolean created;
  private ScheduledExecutorService heartbeat;

  private OutputGuard(FileSystem fs, Path marker, String content, boolean created) {
    this.fs = fs;
    this.dir = marker.getParent();
    this.marker = marker;
    this.content = content;
    this.created = created;
  }

  // ---------------------------------------------------------------------------------------------
  // what is there

  /** Another run's marker, read. */
  private static final class Other {
    final Path path;
    final String host;
    final long pid;
    final String started;
    final long modified;

    Other(Path path, String host, long pid, String started, long modified) {
      this.path = path;
      this.host = host;
      this.pid = pid;
      this.started = started;
      this.modified = modified;
    }

    /** Alive: its process still runs (same host), or it was rewritten within the stale time. */
    boolean alive(long now) {
      if (HOST.equals(host) && pid > 0) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
      }
      return now - modified < STALE_SECONDS * 1000L;
    }

    String describe(long now) {
      return "started " + started + " on host " + host + " (pid " + pid + "), last sign of life "
          + Math.max(0, (now - modified) / 1000) + " s ago";
    }
  }

  private static List<Other> others(FileSystem fs, Path dir, Path own) throws IOException {
    List<Other> out = new ArrayList<>();
    for (FileStatus st : fs.listStatus(dir)) {
      Path p = st.getPath();
      if (!p.getName().startsWith(MARKER_PREFIX) || p.getName().equals(own == null ? null : own.getName())) {
        continue;
      }
      String host = "?";
      long pid = -1;
      String started = "?";
      try (InputStream in = fs.open(p)) {
        JsonNode n = JSON.readTree(in.readNBytes(64 * 1024));
        host = n.path("host").asText("?");
        pid = n.path("pid").asLong(-1);
        started = n.path("started").asText("?");
      } catch (IOException | RuntimeException unreadable) {
        // a marker being rewritten or not ours: judged by its age alone
      }
      out.add(new Other(p, host, pid, started, st.getModificationTime()));
    }
    return out;
  }

  /**
   * Refuses a location this run may not write: held by another live run (whatever the mode), or,
   * unless {@code overwrite}, holding anything (an empty directory is free). Run before Spark starts;
   * {@link #hold} checks again when writing begins.
   *
   * @throws JobException exit status {@link ResampleJob#EXIT_BAD_INPUT}
   */
  static void checkWritable(JobPaths.Location location, Configuration hadoop, boolean overwrite) {
    try {
      FileSystem fs = location.real.getFileSystem(hadoop);
      if (!fs.exists(location.real)) {
        return;
      }
      FileStatus st = fs.getFileStatus(location.real);
      if (!st.isDirectory()) {
        if (!overwrite) {
          throw refuse(location, IS_A_FILE);
        }
        return;
      }
      refuseLiveRuns(location, fs, null, System.currentTimeMillis());
      if (!overwrite && fs.listStatus(location.real).length > 0) {
        throw refuse(location, existing(fs, location.real, System.currentTimeMillis()));
      }
    } catch (IOException e) {
      throw new JobException(ResampleJob.EXIT_BAD_INPUT, location.describe() + ": cannot be checked: "
          + e.getMessage(), e);
    }
  }

  private static void refuseLiveRuns(JobPaths.Location location, FileSystem fs, Path own, long now) throws IOException {
    for (Other o : others(fs, location.real, own)) {
      if (o.alive(now)) {
        throw refuse(location, "is being written by another run of the job (" + o.describe(now)
            + "); wait for it to end, or write elsewhere. A run that died is taken for dead once its"
            + " process is gone or after " + STALE_SECONDS + " s");
      }
    }
  }

  /** Why an existing directory is refused without overwrite. */
  private static String existing(FileSystem fs, Path dir, long now) throws IOException {
    if (fs.exists(new Path(dir, "_SUCCESS"))) {
      return "already exists (a complete result: it has _SUCCESS); choose another path or pass"
          + " --write-mode overwrite to replace it";
    }
    List<Other> dead = others(fs, dir, null);
    if (!dead.isEmpty()) {
      return "holds the leftovers of a run that died before it committed (" + dead.get(0).describe(now)
          + "); pass --write-mode overwrite to replace them";
    }
    return "already exists but is incomplete (no _SUCCESS: a run that failed or is still running, or"
        + " other files); choose another path or pass --write-mode overwrite to replace it";
  }

  private static final String IS_A_FILE =
      "exists and is a file; choose another path or pass --write-mode overwrite to replace it";

  private static JobException refuse(JobPaths.Location location, String why) {
    return new JobException(ResampleJob.EXIT_BAD_INPUT, location.describe() + " " + why);
  }

  // ---------------------------------------------------------------------------------------------
  // holding

  /**
   * Holds {@code location} for this run: creates it with this run's marker, refuses it if another
   * live run holds it or (unless {@code overwrite}) anything else is there, and with {@code
   * overwrite} deletes everything else in it. Close the guard when the run ends.
   */
  static OutputGuard hold(JobPaths.Location location, Configuration hadoop, boolean overwrite) {
    OutputGuard g = null;
    try {
      FileSystem fs = location.real.getFileSystem(hadoop);
      Path dir = location.real;
      if (fs.exists(dir) && !fs.getFileStatus(dir).isDirectory()) {
        if (!overwrite) {
          throw refuse(location, IS_A_FILE);
        }
        fs.delete(dir, false);
      }
      boolean created = !fs.exists(dir);
      fs.mkdirs(dir);
      Path marker = new Path(dir, MARKER_PREFIX + UUID.randomUUID());
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("host", HOST);
      m.put("pid", PID);
      m.put("started", Instant.now().toString());
      m.put("output", location.where());
      g = new OutputGuard(fs, marker, JSON.writeValueAsString(m) + "\n", created);
      g.write(false);
      long now = fs.getFileStatus(marker).getModificationTime(); // the file system's clock
      refuseLiveRuns(location, fs, marker, now);
      for (FileStatus st : fs.listStatus(dir)) {
        if (st.getPath().getName().equals(marker.getName())) {
          continue;
        }
        if (!overwrite) {
          throw refuse(location, existing(fs, dir, now));
        }
        if (!fs.delete(st.getPath(), true) && fs.exists(st.getPath())) {
          throw new JobException(ResampleJob.EXIT_FAILED, location.describe() + ": cannot delete "
              + SafeText.redact(st.getPath().toString()) + " to overwrite it");
        }
      }
      g.startHeartbeat();
      return g;
    } catch (IOException | RuntimeException e) {
      if (g != null) {
        g.close();
      }
      if (e instanceof JobException) {
        throw (JobException) e;
      }
      throw new JobException(ResampleJob.EXIT_FAILED, location.describe() + ": cannot be prepared for writing: "
          + e.getMessage(), e);
    }
  }

  private void write(boolean replace) throws IOException {
    try (OutputStream os = fs.create(marker, replace)) {
      os.write(content.getBytes(StandardCharsets.UTF_8));
    }
  }

  private void startHeartbeat() {
    heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "resample-output-heartbeat");
      t.setDaemon(true);
      return t;
    });
    heartbeat.scheduleWithFixedDelay(() -> {
      try {
        write(true);
      } catch (IOException | RuntimeException e) {
        LOG.warn("cannot renew the marker {}: {}", SafeText.redact(marker.toString()), SafeText.line(e.toString()));
      }
    }, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
  }

  /**
   * Releases the location: stops the heartbeat, deletes the marker, and deletes the directory when
   * this run created it and left nothing else in it (a run that failed before writing).
   */
  @Override
  public void close() {
    if (heartbeat != null) {
      heartbeat.shutdownNow();
      try {
        heartbeat.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      fs.delete(marker, false);
      if (created && fs.exists(dir) && fs.listStatus(dir).length == 0) {
        fs.delete(dir, false);
      }
    } catch (IOException e) {
      LOG.warn("cannot delete the marker {}: {}", SafeText.redact(marker.toString()), SafeText.line(e.toString()));
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }
}

package org.resample.job;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.resample.spark.SafeText;

/**
 * The job's one path-safety rule: input, output and quarantine are compared as the locations they
 * really are (qualified by their file system, {@code .} and {@code ..} removed, symbolic links
 * resolved where the file system has them) and must be pairwise disjoint, none inside another.
 * Two spellings of one directory ({@code o}, {@code ./o}, {@code file:///abs/o}, a link to it) are
 * the same location.
 */
final class JobPaths {
  private JobPaths() {}

  /** One path option: what the user gave, and where it really is. */
  static final class Location {
    /** The option, e.g. {@code --output}. */
    final String option;
    /** The path as given (secrets redacted when printed). */
    final String given;
    /** Qualified, links resolved: the location compared. */
    final Path real;

    Location(String option, String given, Path real) {
      this.option = option;
      this.given = given;
      this.real = real;
    }

    /** {@code --output 'o'} for messages (secrets redacted). */
    String describe() {
      return option + " '" + SafeText.redact(given) + "'";
    }

    /** The location compared, for messages (secrets redacted). */
    String where() {
      return SafeText.redact(real.toString());
    }
  }

  /**
   * The Hadoop configuration the job's checks use before Spark starts: Hadoop's defaults
   * ({@code core-site.xml} on the classpath) plus the {@code spark.hadoop.*} confs, as Spark
   * builds its own.
   */
  static Configuration hadoopConf(Map<String, String> sparkConfs) {
    Configuration c = new Configuration();
    sparkConfs.forEach((k, v) -> {
      if (k.startsWith("spark.hadoop.")) {
        c.set(k.substring("spark.hadoop.".length()), v);
      }
    });
    return c;
  }

  /** Where {@code path} (the value of {@code option}) really is. */
  static Location locate(String option, String path, Configuration hadoop) {
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(hadoop);
      Path q = fs.makeQualified(p);
      return new Location(option, path, resolveLinks(fs, q));
    } catch (IOException | IllegalArgumentException e) {
      throw new JobException(ResampleJob.EXIT_BAD_INPUT, option + " '" + path + "': cannot be resolved ("
          + e.getMessage() + "); check the path and its file system's settings", e);
    }
  }

  /**
   * {@code q} with symbolic links resolved: the deepest part that exists is resolved (by the local
   * file system's real path, or the file system's own {@code resolvePath}) and the rest appended.
   */
  private static Path resolveLinks(FileSystem fs, Path q) throws IOException {
    if ("file".equals(q.toUri().getScheme())) {
      java.nio.file.Path local = Paths.get(q.toUri());
      java.nio.file.Path existing = local;
      while (existing != null && !Files.exists(existing)) {
        existing = existing.getParent();
      }
      if (existing == null) {
        return q;
      }
      java.nio.file.Path real = existing.toRealPath().resolve(existing.relativize(local)).normalize();
      return fs.makeQualified(new Path(real.toString()));
    }
    Path existing = q;
    while (existing != null && !fs.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return q;
    }
    Path resolved;
    try {
      resolved = fs.resolvePath(existing);
    } catch (FileNotFoundException | UnsupportedOperationException e) {
      resolved = existing;
    }
    String rest = q.toUri().getPath().substring(existing.toUri().getPath().length());
    return rest.isEmpty() ? resolved : new Path(resolved.toString() + rest);
  }

  /**
   * Refuses locations that are the same or one inside the other: writing one would replace or
   * change another (the input read, the output, the failed rows), or make the input unreadable.
   *
   * @param quarantine null when there is none
   * @throws JobException exit status {@link ResampleJob#EXIT_USAGE}
   */
  static void checkDisjoint(Location input, Location output, Location quarantine) {
    check(output, input);
    if (quarantine != null) {
      check(quarantine, output);
      check(quarantine, input);
    }
  }

  /** Refuses {@code written} when it is {@code other}, inside it, or holds it. */
  private static void check(Location written, Location other) {
    String w = key(written.real);
    String o = key(other.real);
    String problem;
    if (w.equals(o)) {
      problem = "is the same location as " + other.describe() + " (" + written.where() + ")";
    } else if (w.startsWith(o + "/")) {
      problem = "is inside " + other.describe() + " (" + written.where() + " is under " + other.where() + ")";
    } else if (o.startsWith(w + "/")) {
      problem = "contains " + other.describe() + " (" + other.where() + " is under " + written.where() + ")";
    } else {
      return;
    }
    throw new JobException(ResampleJob.EXIT_USAGE, written.describe() + " " + problem
        + ": writing there would replace or change the " + other.option.substring(2).replace('-', ' ')
        + "; give " + written.option + " a directory of its own, outside the others");
  }

  /**
   * scheme://authority/path, scheme and host in lower case, without a trailing '/' and without
   * credentials in the user-info (which some file systems ignore; a user-info without a password,
   * an Azure container, names a location and stays).
   */
  private static String key(Path p) {
    URI u = p.toUri();
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    String authority = u.getRawAuthority() == null ? "" : u.getRawAuthority();
    int at = authority.lastIndexOf('@');
    String userInfo = at < 0 ? "" : authority.substring(0, at);
    String hostPort = authority.substring(at + 1).toLowerCase(Locale.ROOT);
    String path = u.getPath() == null ? "" : u.getPath();
    while (path.endsWith("/") && path.length() > 1) {
      path = path.substring(0, path.length() - 1);
    }
    return scheme + "://" + (userInfo.isEmpty() || userInfo.contains(":") ? "" : userInfo + "@") + hostPort
        + (path.equals("/") ? "" : path);
  }
}

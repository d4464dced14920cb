package org.resample.spark;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;

/**
 * Text that is safe to print, log or store: secrets redacted, control characters escaped. Every
 * error message of the library and the job, their log lines, and what the job writes next to its
 * data (summary, report) go through it.
 *
 * <p>Redacted, with Spark's replacement text {@value #REDACTED}:
 *
 * <ul>
 *   <li>the user-info of URLs that carries a password, e.g. {@code s3a://KEY:SECRET@bucket/path}
 *       becomes {@code s3a://*********(redacted)@bucket/path} ({@code abfss://container@account}
 *       stays);
 *   <li>the value of {@code key=value} and {@code key: value} pairs whose key matches Spark's
 *       {@code spark.redaction.regex} (by default {@code secret}, {@code password}, {@code token},
 *       {@code access.key}, {@code accesskey}), e.g. {@code fs.s3a.secret.key=...} or a signed
 *       URL's {@code X-Amz-Security-Token=...};
 *   <li>whatever {@code spark.redaction.string.regex} matches, when it is set.
 * </ul>
 *
 * <p>The two regexes are read from the running Spark's conf where there is one, else Spark's
 * defaults apply.
 *
 * @since 0.1
 */
public final class SafeText {
  private SafeText() {}

  /** Spark's own replacement text for redacted values. */
  public static final String REDACTED = "*********(redacted)";

  /** Spark's default {@code spark.redaction.regex}. */
  static final String DEFAULT_KEY_REGEX = "(?i)secret|password|token|access[.]?key";

  /** user:password@ in a URL (user-info without a password, an Azure container, is no secret). */
  private static final Pattern USER_INFO =
      Pattern.compile("([A-Za-z][A-Za-z0-9+.\\-]*://)([^/\\s@?#:]*:[^/\\s@?#]*)@");
  private static final Pattern KEY_VALUE =
      Pattern.compile("([A-Za-z0-9_.\\-]+)(\\s*[=:]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s,;&'\"?#=]+)");

  /** {@code text} with secrets redacted (see the class comment); null stays null. */
  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    String[] regexes = redactionRegexes();
    String keyRegex = regexes[0];
    String stringRegex = regexes[1];
    String s = USER_INFO.matcher(text).replaceAll("$1" + Matcher.quoteReplacement(REDACTED) + "@");
    Pattern keys = compile(keyRegex, DEFAULT_KEY_REGEX);
    Matcher m = KEY_VALUE.matcher(s);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String replacement = keys.matcher(m.group(1)).find() ? m.group(1) + m.group(2) + REDACTED : m.group();
      m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(sb);
    s = sb.toString();
    if (stringRegex != null && !stringRegex.isEmpty()) {
      s = compile(stringRegex, null).matcher(s).replaceAll(Matcher.quoteReplacement(REDACTED));
    }
    return s;
  }

  /**
   * The running Spark's {@code spark.redaction.regex} and {@code spark.redaction.string.regex}
   * (null when unset), or the defaults where this JVM runs no Spark: a Spark Connect client's JVM
   * has no {@code SparkEnv} class at all.
   */
  private static String[] redactionRegexes() {
    try {
      SparkEnv env = SparkEnv.get();
      if (env != null) {
        SparkConf conf = env.conf();
        return new String[] {
          conf.get("spark.redaction.regex", DEFAULT_KEY_REGEX),
          conf.get("spark.redaction.string.regex", null)
        };
      }
    } catch (NoClassDefFoundError e) {
      // no Spark in this JVM: the defaults
    }
    return new String[] {DEFAULT_KEY_REGEX, null};
  }

  /**
   * {@code text} for one line of a message or log: secrets redacted, and line breaks, tabs and
   * other control characters escaped ({@code \n}, {@code \t}, {@code \u0000}), so that a value
   * cannot start a line of its own in a log.
   */
  public static String line(String text) {
    if (text == null) {
      return null;
    }
    String s = redact(text);
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String esc = escape(c);
      if (esc != null && sb == null) {
        sb = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (sb != null) {
        sb.append(esc != null ? esc : String.valueOf(c));
      }
    }
    return sb == null ? s : sb.toString();
  }

  private static String escape(char c) {
    switch (c) {
      case '\n':
        return "\\n";
      case '\r':
        return "\\r";
      case '\t':
        return "\\t";
      default:
        boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
        return control ? String.format("\\u%04x", (int) c) : null;
    }
  }

  /**
   * A copy of {@code t}'s cause chain whose messages are {@link #line}d, with the same stack
   * traces, for logging an exception that may name a secret.
   */
  public static Throwable redacted(Throwable t) {
    if (t == null) {
      return null;
    }
    String text = t.getClass().getName() + (t.getMessage() == null ? "" : ": " + line(t.getMessage()));
    Throwable copy =
        new Throwable(text) {
          private static final long serialVersionUID = 1L;

          @Override
          public String toString() {
            return text;
          }
        };
    copy.setStackTrace(t.getStackTrace());
    Throwable cause = t.getCause();
    if (cause != null && cause != t) {
      copy.initCause(redacted(cause));
    }
    return copy;
  }

  /** The last regexes compiled, by their text: the confs rarely change. */
  private static final java.util.Map<String, Pattern> COMPILED = new java.util.concurrent.ConcurrentHashMap<>();

  private static Pattern compile(String regex, String fallback) {
    Pattern p = COMPILED.get(regex);
    if (p == null) {
      try {
        p = Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        p = Pattern.compile(fallback == null ? "(?!)" : fallback);
      }
      if (COMPILED.size() > 16) {
        COMPILED.clear();
      }
      COMPILED.put(regex, p);
    }
    return p;
  }
}

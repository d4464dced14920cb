package org.resample.spark;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;
import scala.tools.nsc.Settings;
import scala.tools.nsc.interpreter.IMain;
import scala.tools.nsc.interpreter.Results;
import scala.tools.nsc.interpreter.shell.ReplReporterImpl;
import org.resample.spark.operator.Resampler;

/**
 * The Zeppelin note, run paragraph by paragraph as Zeppelin's Spark interpreter runs it, stopping at
 * the first error: {@code %spark.conf} checked against the session, {@code %spark} (Scala) through
 * the Scala 2.13 compiler's interpreter with the test class path and {@code spark} / {@code sc}
 * bound (with Zeppelin's imports), {@code %spark.sql} split into statements at {@code ;} and each
 * one collected, {@code %md} left as text.
 */
class ZeppelinNoteTest {
  static final Path NOTE = Path.of("notebooks/resample-zeppelin.zpln");
  static final Path OUTPUT = Path.of("target/notebooks/resample-zeppelin.out.txt");
  static final StringBuilder log = new StringBuilder();

  static JsonNode note;
  static SparkSession spark;
  static IMain repl;
  static final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  static final PrintStream console = new PrintStream(buffer, true, UTF_8);
  static final PrintWriter replOut = new PrintWriter(new OutputStreamWriter(buffer, UTF_8), true);

  /** What one paragraph did. */
  record Ran(int number, String interpreter, String title, String output) {}

  static final List<Ran> ran = new ArrayList<>();
  static String failure; // the first paragraph that failed, with its output; null when none

  @BeforeAll
  static void runNote() throws IOException {
    note = new ObjectMapper().readTree(NOTE.toFile());
    // A session of its own (temp views, UDF names) on the shared local SparkContext.
    spark = SparkTesting.spark().newSession();
    JsonNode paragraphs = note.get("paragraphs");
    for (int i = 0; i < paragraphs.size() && failure == null; i++) {
      JsonNode p = paragraphs.get(i);
      String text = p.get("text").asText();
      String interpreter = text.startsWith("%") ? text.substring(1).split("\\s", 2)[0] : "spark";
      String body = text.startsWith("%") ? text.substring(interpreter.length() + 1) : text;
      String title = "paragraph " + (i + 1) + " (%" + interpreter + ") " + p.path("title").asText();
      buffer.reset();
      long start = System.nanoTime();
      try {
        run(interpreter, body);
      } catch (Exception | AssertionError e) {
        failure = title + " failed: " + e + "\n--- output ---\n" + output();
        log.append(failure);
        break;
      } finally {
        log.append(String.format("%n=== %s (%.1f s)%n", title, (System.nanoTime() - start) / 1e9));
      }
      ran.add(new Ran(i + 1, interpreter, title, output()));
      log.append(output());
    }
    // What each paragraph printed, for reading after a failure (or to see the note's output).
    Files.createDirectories(OUTPUT.getParent());
    Files.writeString(OUTPUT, log, UTF_8);
  }

  static String output() {
    replOut.flush();
    return buffer.toString(UTF_8);
  }

  static void run(String interpreter, String body) throws Exception {
    switch (interpreter) {
      case "md":
        break;
      case "spark.conf":
        checkConf(body);
        break;
      case "spark":
        IMain intp = scala();
        interpret(() -> intp.interpret(body));
        break;
      case "spark.sql":
        for (String statement : statements(body)) {
          List<Row> rows = spark.sql(statement).collectAsList();
          console.println(rows.size() + " rows" + (rows.isEmpty() ? "" : ", first: " + rows.get(0)));
        }
        break;
      default:
        throw new AssertionError("the test cannot run %" + interpreter + " paragraphs");
    }
  }

  /** {@code key value} lines: the jar of this build, and the catalog and extension this session has. */
  static void checkConf(String body) {
    Map<String, String> conf = new LinkedHashMap<>();
    for (String line : body.split("\n")) {
      String l = line.trim();
      if (!l.isEmpty() && !l.startsWith("#")) {
        String[] kv = l.split("\\s+", 2);
        conf.put(kv[0], kv.length > 1 ? kv[1] : "");
      }
    }
    assertEquals(
        "spark-resample-" + System.getProperty("resample.sparkLine", "4.2_2.13") + "-" + Resampler.VERSION
            + ".jar",
        new File(conf.getOrDefault("spark.jars", "")).getName(),
        "spark.jars names this build's jar: " + conf);
    for (String key : List.of("spark.sql.catalog.resample", "spark.sql.extensions")) {
      assertTrue(conf.containsKey(key), key + " in " + conf);
      assertEquals(spark.conf().get(key), conf.get(key), key);
    }
  }

  /** One interpreter for the class, set up as Zeppelin's Spark interpreter sets up its own. */
  static IMain scala() {
    if (repl == null) {
      String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      Settings settings = new Settings();
      settings.processArguments(
          CollectionConverters.asScala(List.of("-Yrepl-class-based", "-classpath", cp)).toList(), true);
      repl = new IMain(settings, new ReplReporterImpl(settings, replOut));
      scala.collection.immutable.List<String> transientVal =
          CollectionConverters.asScala(List.of("@transient")).toList();
      interpret(() -> repl.bind("spark", SparkSession.class.getName(), spark, transientVal));
      interpret(
          () ->
              repl.bind(
                  "sc", org.apache.spark.SparkContext.class.getName(), spark.sparkContext(), transientVal));
      for (String imports :
          List.of(
              "import org.apache.spark.SparkContext._",
              "import spark.implicits._",
              "import spark.sql",
              "import org.apache.spark.sql.functions._")) {
        interpret(() -> repl.interpret(imports));
      }
    }
    return repl;
  }

  /** Runs one interpreter call with Scala's Console captured; anything but Success fails. */
  static void interpret(scala.Function0<Results.Result> call) {
    Results.Result r = scala.Console$.MODULE$.withOut(console, call);
    if (r != Results.Success$.MODULE$) {
      throw new AssertionError("Scala interpreter: " + r);
    }
  }

  /** Zeppelin's statement split: at ';' outside quotes and comments; empty statements dropped. */
  static List<String> statements(String sql) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (quote != 0) {
        cur.append(c);
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"' || c == '`') {
        quote = c;
        cur.append(c);
      } else if (c == '-' && sql.startsWith("--", i)) {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? sql.length() : end - 1;
      } else if (c == ';') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    out.removeIf(s -> s.isBlank());
    return out;
  }

  @AfterAll
  static void cleanUp() throws IOException {
    if (repl != null) {
      Option<Object> dir = repl.valueOfTerm("dataDir");
      repl.close();
      if (dir.isDefined()) {
        try (Stream<Path> files = Files.walk(Path.of(dir.get().toString()))) {
          files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
      }
    }
  }

  // --- tests ------------------------------------------------------------------------------------

  @Test
  void everyParagraph_runsInOrder_withoutError() {
    assertNull(failure);
    assertEquals(note.get("paragraphs").size(), ran.size());
  }

  @Test
  void note_isAZeppelinNote_withConfScalaAndSqlParagraphs() {
    for (String field : List.of("name", "id", "defaultInterpreterGroup", "version", "config", "info")) {
      assertTrue(note.has(field), "note field " + field);
    }
    assertEquals("spark", note.get("defaultInterpreterGroup").asText());
    Set<String> ids = new HashSet<>();
    List<String> interpreters = new ArrayList<>();
    for (JsonNode p : note.get("paragraphs")) {
      assertTrue(ids.add(p.get("id").asText()), "unique paragraph id " + p.get("id"));
      assertTrue(p.get("config").has("editorSetting"), "editor settings of " + p.get("id"));
      assertEquals("READY", p.get("status").asText());
      assertFalse(p.has("results"), "the note is saved without results: " + p.get("id"));
      interpreters.add(p.get("text").asText().split("\\s", 2)[0]);
    }
    assertEquals("%spark.conf", interpreters.stream().filter(s -> !s.equals("%md")).findFirst().get());
    assertTrue(interpreters.containsAll(List.of("%spark", "%spark.sql")), interpreters.toString());
  }

  @Test
  void previewParagraph_printsHtmlWithBeforeAndAfterThumbnailsAsInlinePngs() throws IOException {
    assertNull(failure);
    List<Ran> html = ran.stream().filter(r -> r.output().startsWith("%html ")).toList();
    assertEquals(1, html.size(), "paragraphs whose output Zeppelin shows as HTML");
    String page = html.get(0).output();
    assertTrue(page.contains("<table>"), page);
    List<BufferedImage> pngs = new ArrayList<>();
    Matcher m = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(page);
    while (m.find()) {
      pngs.add(ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1)))));
    }
    assertEquals(6, pngs.size(), "three rows, before and after");
    for (int i = 0; i < pngs.size(); i++) {
      int side = i % 2 == 0 ? 48 : 24; // image 3x48x48, thumb 3x24x24
      assertEquals(side, pngs.get(i).getWidth(), "thumbnail " + i);
      assertEquals(side, pngs.get(i).getHeight(), "thumbnail " + i);
    }
  }

  @Test
  void sqlSplit_isAtSemicolonsOutsideQuotesAndComments() {
    assertEquals(
        List.of("SELECT ';' AS a \n", "\nSELECT `x;y` FROM t "),
        statements("SELECT ';' AS a -- not here; \n;\nSELECT `x;y` FROM t ;  \n"));
  }
}

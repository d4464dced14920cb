package org.resample.spark;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resample.spark.sql.ResampleCatalog;
import org.resample.spark.sql.ResampleExtensions;
import org.resample.spark.operator.Resampler;

/**
 * The Jupyter notebook, checked without PySpark (which cannot be installed here): {@code
 * src/test/python/notebook_sql.py} validates it as nbformat 4, compiles every code cell as Python
 * and lists its Spark work (every {@code spark.sql} text, every {@code F.expr} string inside the
 * DataFrame it applies to, Parquet writes and reads, temp views, the session conf, Py4J calls such
 * as the Resampler's setters and transform); this test runs that work, in notebook order, on a local
 * SparkSession with the library.
 */
class PySparkNotebookTest {
  static final Path NOTEBOOK = Path.of("notebooks/resample-pyspark.ipynb");
  static final Path CHECKER = Path.of("src/test/python/notebook_sql.py");
  static final String PYTHON = "/usr/bin/python3"; // Debian's, with python3-nbformat

  @TempDir static Path dataDir;
  @TempDir static Path scratch;
  static Checked notebook;

  /** What the checker printed for one notebook. */
  record Checked(int exitCode, JsonNode json, String errors) {
    List<JsonNode> steps(String kind) {
      List<JsonNode> out = new ArrayList<>();
      json.get("steps").forEach(s -> {
        if (s.get("kind").asText().equals(kind)) {
          out.add(s);
        }
      });
      return out;
    }
  }

  static Checked check(Path ipynb, String... defines) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(PYTHON, CHECKER.toString(), ipynb.toString()));
    for (String d : defines) {
      cmd.add("--define");
      cmd.add(d);
    }
    Path err = Files.createTempFile(scratch, "checker", ".err");
    Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "notebook checker did not finish");
    String errors = Files.readString(err, UTF_8);
    assertTrue(
        p.exitValue() != 2,
        "cannot run the notebook checker (" + String.join(" ", cmd) + "): " + errors);
    JsonNode json = out.length == 0 ? null : new ObjectMapper().readTree(out);
    return new Checked(p.exitValue(), json, errors);
  }

  @BeforeAll
  static void checkNotebook() throws Exception {
    notebook = check(NOTEBOOK, "DATA_DIR=" + dataDir);
  }

  @Test
  void notebook_isValidNbformat4_everyCodeCellCompiles_andAllItsSqlCanBeFollowed() {
    assertEquals(0, notebook.exitCode(), NOTEBOOK + ":\n" + notebook.errors());
    assertTrue(notebook.json().get("code_cells").asInt() >= 10, "code cells: " + notebook.json());
    assertTrue(notebook.json().get("sql_strings").asInt() >= 15, "spark.sql texts: " + notebook.json());
    assertTrue(notebook.json().get("expr_strings").asInt() >= 4, "F.expr strings: " + notebook.json());
  }

  @Test
  void sessionSetUp_attachesTheJar_andConfiguresTheCatalogAndExtension() {
    List<String> keys = new ArrayList<>();
    for (JsonNode c : notebook.steps("conf")) {
      keys.add(c.get("key").asText());
      if (c.get("key").asText().equals("spark.sql.catalog.resample")) {
        assertEquals(ResampleCatalog.class.getName(), c.get("value").asText());
      }
      if (c.get("key").asText().equals("spark.sql.extensions")) {
        assertEquals(ResampleExtensions.class.getName(), c.get("value").asText());
      }
    }
    assertTrue(
        keys.containsAll(List.of("spark.jars", "spark.sql.catalog.resample", "spark.sql.extensions")),
        "session conf keys: " + keys);
  }

  @Test
  void notebookSparkWork_runsInOrder_onALocalSession() throws Exception {
    assertNotNull(notebook.json(), notebook.errors());
    // A session of its own (temp views, SQL conf, UDF names) on the shared local SparkContext; it
    // has the static conf the notebook sets (the extension), which the conf steps check.
    Run run = new Run(SparkTesting.spark().newSession());
    int ran = 0;
    for (JsonNode step : notebook.json().get("steps")) {
      String where = NOTEBOOK + " " + step.get("where").asText();
      boolean expectError = step.path("expect_error").asBoolean(false);
      try {
        run.step(step);
      } catch (Exception e) {
        if (!expectError) {
          throw new AssertionError(where + ": " + step, e);
        }
        assertNotNull(
            ResampleSqlException.find(e),
            where + ": the notebook expects a library error here, got " + e);
        ran++;
        continue;
      }
      if (expectError) {
        fail(where + ": the notebook expects an error here (inside try:), but it ran: " + step);
      }
      ran++;
    }
    assertEquals(notebook.json().get("steps").size(), ran);
    assertTrue(Files.isDirectory(dataDir.resolve("pictures")), "the notebook writes its dataset");
  }

  /** Runs the checker's steps on one session, keeping the JVM objects the notebook names. */
  static final class Run {
    final SparkSession spark;
    final Map<String, Object> objects = new HashMap<>();

    Run(SparkSession spark) {
      this.spark = spark;
    }

    void step(JsonNode step) throws Exception {
      switch (step.get("kind").asText()) {
        case "conf":
          String key = step.get("key").asText();
          if (key.equals("spark.sql.extensions")) { // static: the test session must have it already
            assertEquals(step.get("value").asText(), spark.conf().get(key), key);
          } else if (key.startsWith("spark.sql.") && !step.get("value").isNull()) {
            spark.conf().set(key, step.get("value").asText());
          }
          break;
        case "query":
          spark.sql(step.get("sql").asText()).collectAsList();
          break;
        case "write_parquet":
          spark
              .sql(step.get("sql").asText())
              .write()
              .mode(step.get("mode").asText())
              .parquet(step.get("path").asText());
          break;
        case "temp_view":
          spark.sql(step.get("sql").asText()).createOrReplaceTempView(step.get("view").asText());
          break;
        case "jvm":
          jvm(step);
          break;
        case "jvm_transform":
          Object transformer = objects.get(step.get("var").asText());
          assertNotNull(transformer, "no JVM object " + step.get("var"));
          Dataset<?> out =
              (Dataset<?>)
                  transformer
                      .getClass()
                      .getMethod("transform", Dataset.class)
                      .invoke(transformer, spark.sql(step.get("sql").asText()));
          out.createOrReplaceTempView(step.get("view").asText());
          break;
        default:
          fail("unknown step kind " + step);
      }
    }

    /** A Py4J call chain, by reflection: the notebook's class and method names must exist. */
    void jvm(JsonNode step) throws Exception {
      JsonNode root = step.get("root");
      Object value;
      if (root.has("new")) {
        value = Class.forName(root.get("new").asText()).getConstructor().newInstance();
      } else if (root.has("static")) {
        value = call(Class.forName(root.get("static").asText()), null, root.get("method").asText(), root.get("args"));
      } else {
        value = objects.get(root.get("var").asText());
        assertNotNull(value, "no JVM object " + root);
      }
      for (JsonNode c : step.get("calls")) {
        assertNotNull(value, "null before ." + c.get(0).asText() + " in " + step);
        value = call(value.getClass(), value, c.get(0).asText(), c.get(1));
      }
      if (!step.get("assign").isNull()) {
        objects.put(step.get("assign").asText(), value);
      }
    }

    /** The public method of that name whose parameters take these arguments (Py4J's choice). */
    Object call(Class<?> c, Object target, String name, JsonNode args) throws Exception {
      for (Method m : c.getMethods()) {
        if (!m.getName().equals(name)
            || m.getParameterCount() != args.size()
            || Modifier.isStatic(m.getModifiers()) != (target == null)) {
          continue;
        }
        Object[] values = new Object[args.size()];
        boolean fits = true;
        for (int i = 0; i < values.length && fits; i++) {
          values[i] = argument(args.get(i), m.getParameterTypes()[i]);
          fits = values[i] != NO_FIT;
        }
        if (fits) {
          return m.invoke(target, values);
        }
      }
      throw new AssertionError("no public method " + c.getName() + "." + name + " taking " + args);
    }

    private static final Object NO_FIT = new Object();

    Object argument(JsonNode a, Class<?> t) {
      if (a.path("session").asBoolean(false)) {
        return t.isInstance(spark) ? spark : NO_FIT;
      }
      if (a.has("ints") && t == int[].class) {
        int[] v = new int[a.get("ints").size()];
        Arrays.setAll(v, i -> a.get("ints").get(i).asInt());
        return v;
      }
      if (a.has("doubles") && t == double[].class) {
        double[] v = new double[a.get("doubles").size()];
        Arrays.setAll(v, i -> a.get("doubles").get(i).asDouble());
        return v;
      }
      if (a.isTextual() && t == String.class) {
        return a.asText();
      }
      if (a.isBoolean() && (t == boolean.class || t == Boolean.class)) {
        return a.asBoolean();
      }
      if (a.isIntegralNumber() && (t == int.class || t == Integer.class)) {
        return a.asInt();
      }
      if (a.isIntegralNumber() && (t == long.class || t == Long.class)) {
        return a.asLong();
      }
      if (a.isNumber() && (t == double.class || t == Double.class)) {
        return a.asDouble();
      }
      return NO_FIT;
    }
  }

  // --- the checker itself: it must fail on what it cannot check --------------------------------

  static Path notebookWith(String... codeCells) throws IOException {
    ObjectMapper om = new ObjectMapper();
    var nb = om.createObjectNode();
    nb.put("nbformat", 4).put("nbformat_minor", 5);
    nb.putObject("metadata");
    var cells = nb.putArray("cells");
    int id = 0;
    for (String source : codeCells) {
      var c = cells.addObject();
      c.put("cell_type", "code").put("id", "c" + id++).put("source", source);
      c.putObject("metadata");
      c.putNull("execution_count");
      c.putArray("outputs");
    }
    Path p = Files.createTempFile(scratch, "nb", ".ipynb");
    om.writeValue(p.toFile(), nb);
    return p;
  }

  @Test
  void checker_translatesDataFramesOfExprStrings_intoSql() throws Exception {
    Checked c =
        check(
            notebookWith(
                "from pyspark.sql import functions as F\nD = 'x'\n",
                "df = spark.table('t')\n"
                    + "out = df.select('id', F.expr('a + 1').alias('b')).where('b > 2')\n"
                    + "out.write.mode('overwrite').parquet(f'{D}/out')\n"
                    + "try:\n    spark.sql(\"SELECT 1\").collect()\nexcept Exception:\n    pass\n"),
            "D=/data");
    assertEquals(0, c.exitCode(), c.errors());
    List<JsonNode> queries = c.steps("query");
    assertEquals(3, queries.size(), queries.toString());
    assertEquals("SELECT * FROM t", queries.get(0).get("sql").asText());
    assertEquals(
        "SELECT * FROM (\nSELECT id, a + 1 AS b FROM (\nSELECT * FROM t\n) AS _src\n) AS _src WHERE b > 2",
        queries.get(1).get("sql").asText());
    JsonNode write = c.steps("write_parquet").get(0);
    assertEquals("/data/out", write.get("path").asText());
    assertEquals("overwrite", write.get("mode").asText());
    assertEquals(queries.get(1).get("sql"), write.get("sql"));
    assertTrue(queries.get(2).get("expect_error").asBoolean(), queries.toString());
    assertEquals("cell 2, line 5", queries.get(2).get("where").asText());
  }

  @Test
  void checker_failsOnACellThatDoesNotCompile() throws Exception {
    Checked c = check(notebookWith("x = 1\n", "spark.sql('SELECT 1'\n"));
    assertEquals(1, c.exitCode());
    assertTrue(c.errors().contains("cell 2, line 1: does not compile as Python"), c.errors());
  }

  @Test
  void checker_failsOnExprStringsItCannotRun() throws Exception {
    Checked c =
        check(
            notebookWith(
                "from pyspark.sql import functions as F\n"
                    + "df = make_frame()\n"
                    + "df.select(F.expr('resample.tensor_shape(t)'))\n"
                    + "spark.sql(f'SELECT {unknown}')\n"));
    assertEquals(1, c.exitCode());
    assertTrue(c.errors().contains("cell 1, line 3: select(...) is applied to df"), c.errors());
    assertTrue(c.errors().contains("cell 1, line 4: f-string part {unknown}"), c.errors());
  }

  @Test
  void checker_failsOnAFileThatIsNotNbformat4() throws Exception {
    Path broken = Files.createTempFile(scratch, "broken", ".ipynb");
    Files.writeString(
        broken, "{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}, \"cells\": [{\"cell_type\": \"code\"}]}");
    Checked c = check(broken);
    assertEquals(1, c.exitCode());
    assertTrue(c.errors().contains("not valid nbformat 4"), c.errors());
  }
}

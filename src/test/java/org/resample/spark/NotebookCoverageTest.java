package org.resample.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.resample.spark.sql.ResampleFunctions;
import org.resample.spark.sql.ResampleCatalog;
import org.resample.spark.operator.Resampler;

/** Every public function of the Spark layer, and the transformer, is shown in a notebook. */
class NotebookCoverageTest {
  static String pyspark; // the code cells of the Jupyter notebook
  static String zeppelin; // the paragraphs of the Zeppelin note

  @BeforeAll
  static void read() throws IOException {
    ObjectMapper om = new ObjectMapper();
    StringBuilder py = new StringBuilder();
    for (JsonNode cell : om.readTree(PySparkNotebookTest.NOTEBOOK.toFile()).get("cells")) {
      if (cell.get("cell_type").asText().equals("code")) {
        JsonNode source = cell.get("source"); // a string, or a list of lines
        if (source.isArray()) {
          source.forEach(line -> py.append(line.asText()));
        } else {
          py.append(source.asText());
        }
        py.append('\n');
      }
    }
    pyspark = py.toString();
    StringBuilder z = new StringBuilder();
    for (JsonNode p : om.readTree(Path.of("notebooks/resample-zeppelin.zpln").toFile()).get("paragraphs")) {
      z.append(p.get("text").asText()).append('\n');
    }
    zeppelin = z.toString();
  }

  static boolean shown(String call) {
    return pyspark.contains(call) || zeppelin.contains(call);
  }

  @Test
  void everyCatalogFunction_isCalledInANotebook() {
    Set<String> missing = new TreeSet<>();
    for (String fn : ResampleCatalog.functionNames()) {
      if (!shown("resample." + fn + "(")) {
        missing.add("resample." + fn);
      }
    }
    assertEquals(Set.of(), missing);
  }

  @Test
  void everyColumnApiEntryPoint_isCalledInANotebook() {
    Set<String> missing = new TreeSet<>();
    for (Method m : ResampleFunctions.class.getMethods()) {
      if (Modifier.isStatic(m.getModifiers()) && !shown("ResampleFunctions." + m.getName() + "(")) {
        missing.add("ResampleFunctions." + m.getName());
      }
    }
    assertEquals(Set.of(), missing);
  }

  @Test
  void someRegisteredUdfName_isCalledUnqualified() {
    long used =
        ResampleFunctions.udfNames().stream()
            .filter(n -> List.of(pyspark, zeppelin).stream().anyMatch(t -> t.matches("(?s).*[^.\\w]" + n + "\\(.*")))
            .count();
    assertTrue(used >= 2, "UDF names used: " + used);
  }

  @Test
  void resampler_isUsedInBothNotebooks() {
    assertTrue(pyspark.contains("spark._jvm.org.resample.spark.operator.Resampler()"), "PySpark notebook");
    assertTrue(zeppelin.contains("new Resampler()"), "Zeppelin note");
    assertTrue(zeppelin.contains("Resampler.load("), "Zeppelin note: ML persistence");
  }
}

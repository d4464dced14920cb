package org.resample.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dependency picture of the sources, read from their import statements: the core needs neither
 * Spark nor JCuda, the GPU backend needs no Spark, and inside the Spark layer the tensor formats
 * sit below the SQL functions, the operator and the preview, which do not import one another.
 */
class LayeringTest {
  private static final Path MAIN = Paths.get("src/main/java/org/resample");
  private static final Pattern IMPORT =
      Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)(?:\\.\\*)?;", Pattern.MULTILINE);

  @Test
  void core_importsNeitherSparkNorScalaNorJCuda() {
    assertEquals(List.of(), offenders("core", "org.apache.spark", "scala", "jcuda", "org.resample.gpu",
        "org.resample.spark", "org.resample.job"));
  }

  @Test
  void gpu_importsNoSparkAndNoScala() {
    assertEquals(List.of(), offenders("gpu", "org.apache.spark", "scala", "org.resample.spark",
        "org.resample.job"));
  }

  @Test
  void gpu_sourcesDoNotNameSparkClassesEvenByString() {
    assertEquals(List.of(), sourcesContaining("gpu", "org.apache.spark"));
  }

  @Test
  void sparkBase_importsNoSparkSubPackage() {
    assertEquals(List.of(), offenders("spark", "org.resample.spark.", "org.resample.job"));
  }

  @Test
  void codecs_sitBelowSqlOperatorAndPreview() {
    assertEquals(List.of(), offenders("spark/codec", "org.resample.spark.sql",
        "org.resample.spark.operator", "org.resample.spark.preview", "org.resample.job"));
  }

  @Test
  void sqlOperatorAndPreview_doNotImportOneAnother() {
    assertEquals(List.of(), offenders("spark/sql", "org.resample.spark.operator",
        "org.resample.spark.preview", "org.resample.job"));
    assertEquals(List.of(), offenders("spark/operator", "org.resample.spark.sql",
        "org.resample.spark.preview", "org.resample.job"));
    assertEquals(List.of(), offenders("spark/preview", "org.resample.spark.sql",
        "org.resample.spark.operator", "org.resample.job"));
  }

  /** What differs between the Spark or Scala lines, or is Spark-internal: the shims' business. */
  static final List<String> LINE_SPECIFIC = List.of(
      "org.apache.spark.sql.classic", "new StaticInvoke(", ".future()", "scala.jdk.javaapi",
      "scala.collection.JavaConverters", ".appended(", "internalCreateDataFrame", "ColumnAccessor",
      "withNewChildrenInternal", ".experimental()");

  @Test
  void onlyTheShimsNameLineSpecificOrInternalSparkApis() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted()
          .collect(Collectors.toList())) {
        if (f.startsWith(MAIN.resolve("spark/shim"))) {
          continue;
        }
        String code = code(read(f));
        for (String api : LINE_SPECIFIC) {
          if (code.contains(api)) {
            found.add(f + ": " + api);
          }
        }
      }
    }
    assertEquals(List.of(), found);
  }

  @Test
  void theShimsOfEachKind_offerTheSameMethods() {
    assertEquals(publicMethods("src/shim/spark-4/java"), publicMethods("src/shim/spark-3.5/java"));
    assertEquals(publicMethods("src/shim/scala-2.13/java"), publicMethods("src/shim/scala-2.12/java"));
    assertTrue(code(read(Paths.get("src/shim/spark-4/java/org/resample/spark/shim/SparkShim.java")))
        .contains("org.apache.spark.sql.classic"), "the scan reads the shims");
  }

  /** "Class.method" for each public method of the shim sources under {@code root}. */
  static List<String> publicMethods(String root) {
    Pattern method = Pattern.compile("public (?:abstract )?(?:static )?(?:<[^>]+> )?[\\w.<>?, \\[\\]]+ (\\w+)\\(");
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Paths.get(root))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList())) {
        Matcher m = method.matcher(code(read(f)));
        while (m.find()) {
          out.add(f.getFileName() + "." + m.group(1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.sort(null);
    assertTrue(!out.isEmpty(), "no shim methods under " + root);
    return out;
  }

  /** The source without its comments. */
  static String code(String source) {
    return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
  }

  @Test
  void theScanSeesImports() {
    // the rule above would pass vacuously if the pattern found nothing
    assertTrue(imports(MAIN.resolve("spark/operator/Resampler.java")).stream()
        .anyMatch(i -> i.startsWith("org.resample.spark.codec.")));
  }

  /** "file: import" for each import of a source directly in {@code dir} that starts with a prefix. */
  static List<String> offenders(String dir, String... forbidden) {
    List<String> out = new ArrayList<>();
    for (Path f : sources(MAIN.resolve(dir))) {
      for (String imp : imports(f)) {
        for (String prefix : forbidden) {
          if (imp.equals(prefix) || imp.startsWith(prefix.endsWith(".") ? prefix : prefix + ".")) {
            out.add(f + ": " + imp);
          }
        }
      }
    }
    return out;
  }

  static List<String> sourcesContaining(String dir, String text) {
    return sources(MAIN.resolve(dir)).stream()
        .filter(f -> read(f).contains(text))
        .map(Path::toString)
        .collect(Collectors.toList());
  }

  /** The .java files directly in {@code dir} (its sub-packages are checked on their own). */
  static List<Path> sources(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> files = s.filter(p -> p.toString().endsWith(".java")).sorted()
          .collect(Collectors.toList());
      assertTrue(!files.isEmpty(), "no sources in " + dir);
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> imports(Path f) {
    List<String> out = new ArrayList<>();
    Matcher m = IMPORT.matcher(read(f));
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  static String read(Path f) {
    try {
      return new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

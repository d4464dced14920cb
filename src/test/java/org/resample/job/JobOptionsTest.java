package org.resample.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.resample.core.Mode;

/** Parsing, precedence and validation of the job's options (no Spark involved). */
class JobOptionsTest {
  @TempDir Path dir;

  static final String[] MINIMAL = {"--input", "in", "--output", "out", "--column", "image:size=8x8,mode=area"};

  private static JobOptions parse(Map<String, String> confs, String... args) {
    return JobOptions.parse(args, confs);
  }

  private static JobException usage(Map<String, String> confs, String... args) {
    JobException e = assertThrows(JobException.class, () -> JobOptions.parse(args, confs));
    assertEquals(ResampleJob.EXIT_USAGE, e.exitCode(), e.getMessage());
    return e;
  }

  private static String[] with(String... more) {
    String[] all = new String[MINIMAL.length + more.length];
    System.arraycopy(MINIMAL, 0, all, 0, MINIMAL.length);
    System.arraycopy(more, 0, all, MINIMAL.length, more.length);
    return all;
  }

  @Test
  void defaults_areTheDocumentedOnes() {
    JobOptions o = parse(Map.of(), MINIMAL);
    assertEquals("fail", o.onError);
    assertFalse(o.overwrite);
    assertTrue(o.partitionLikeInput);
    assertEquals("snappy", o.compression);
    assertEquals("auto", o.backend);
    assertNull(o.limit);
    assertNull(o.sample);
    assertFalse(o.report);
    assertEquals(10, o.progressIntervalSeconds);
  }

  @Test
  void precedence_commandLineOverConfigFileOverSparkConfs() throws IOException {
    Path conf = dir.resolve("job.properties");
    Files.writeString(conf, "compression = zstd\nbackend = cpu\non-error = null\n");
    Map<String, String> sparkConfs = Map.of(
        "spark.resample.compression", "gzip",
        "spark.resample.backend", "gpu",
        "spark.resample.report-rows", "5",
        "spark.resample.gpu.device", "0", // the library's own conf: ignored by the job
        "spark.master", "local[1]");
    JobOptions o = parse(sparkConfs, with("--config", conf.toString(), "--compression", "lz4"));
    assertEquals("lz4", o.compression, "command line wins");
    assertEquals("cpu", o.backend, "config file beats spark.resample.*");
    assertEquals("null", o.onError, "config file beats the default");
    assertEquals(5, o.reportRows, "spark.resample.* beats the default");
    assertEquals("command line", o.sources.get(JobOption.COMPRESSION));
    assertEquals(conf.toString(), o.sources.get(JobOption.BACKEND));
    assertEquals("spark.resample.report-rows", o.sources.get(JobOption.REPORT_ROWS));
  }

  @Test
  void sparkConfs_canCarryEveryJobOption() {
    JobOptions o = parse(Map.of(
        "spark.resample.input", "s3a://b/in",
        "spark.resample.output", "s3a://b/out",
        "spark.resample.column", "a:size=4,mode=linear; b:scale=2x2,mode=nearest,output=b2"));
    assertEquals("s3a://b/in", o.input);
    assertEquals(2, o.columns.size());
    assertEquals("b2", o.columns.get(1).outputColumn);
    assertArrayEquals(new double[] {2, 2}, o.columns.get(1).scale);
  }

  @Test
  void columnSpec_parsesEveryKey() {
    ColumnSpec c = ColumnSpec.parse(
        "img:size=224x200,mode=Bicubic,align_corners=true,antialias=true,torch_version=1.13,output=small", "--column");
    assertEquals("img", c.column);
    assertEquals("small", c.outputColumn);
    assertArrayEquals(new int[] {224, 200}, c.size);
    assertEquals(Mode.BICUBIC, c.mode);
    assertEquals(Boolean.TRUE, c.alignCorners);
    assertTrue(c.antialias);
    assertEquals("1.13", c.torchVersion);
    assertEquals(null, c.maxOutputElements);
    assertEquals(1L << 28, ColumnSpec.parse("img:size=8x8,mode=area,max_output_elements=268435456", "--column")
        .maxOutputElements);
    ColumnSpec l = ColumnSpec.parse("img:scale=0.25x0.5,mode=lanczos,antialias=true,align_corners=false", "--column");
    assertEquals(Mode.LANCZOS, l.mode);
    assertTrue(l.antialias);
    assertEquals(Boolean.FALSE, l.alignCorners);
    ColumnSpec v = ColumnSpec.parse("vol:scale=0.5x0.5x0.25,mode=trilinear,recompute_scale_factor=true", "--column");
    assertTrue(v.inPlace());
    assertEquals(Boolean.TRUE, v.recomputeScaleFactor);
  }

  @Test
  void columnSpec_oneValue_standsForEveryAxisTheModeResamples() {
    assertArrayEquals(new int[] {224, 224}, ColumnSpec.parse("image:size=224,mode=bilinear", "--column").size);
    assertArrayEquals(new int[] {7, 7, 7}, ColumnSpec.parse("v:size=7,mode=trilinear", "--column").size);
    assertArrayEquals(new double[] {0.5, 0.5}, ColumnSpec.parse("image:scale=0.5,mode=bicubic", "--column").scale);
    // modes that take the axes from the data keep the one value
    assertArrayEquals(new int[] {9}, ColumnSpec.parse("image:size=9,mode=area", "--column").size);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "image|expected NAME:key=value",
    "image:size=8x8|mode is missing; accepted: mode=nearest|nearest-exact|linear",
    "image:size=8x8,mode=cubic|unknown mode 'cubic'; accepted: nearest | nearest-exact",
    "image:mode=area|give exactly one of size=HxW",
    "image:size=8x8,scale=2,mode=area|give exactly one of size=HxW",
    "image:size=8x0,mode=area|must be positive integers separated by 'x'",
    "image:scale=0.5xNaN,mode=area|must be finite numbers > 0",
    "image:size=8x8,mode=trilinear|mode trilinear resamples 3 spatial dimension(s) but size has 2 value(s); for 2 values use bilinear",
    "image:size=8x8,mode=nearest,align_corners=true|align_corners can only be set with the interpolating modes",
    "image:size=8x8,mode=area,antialias=true|antialias is only supported with mode bilinear, bicubic or lanczos",
    "image:size=8x8,mode=lanczos|mode lanczos requires antialias=true",
    "image:size=8x8,mode=lanczos,antialias=false|mode lanczos requires antialias=true",
    "image:size=8x8,mode=lanczos,antialias=true,align_corners=true|mode lanczos does not support align_corners=true",
    "image:size=8x8x8,mode=lanczos,antialias=true|mode lanczos resamples 2 spatial dimension(s) but size has 3 value(s)",
    "image:size=8x8,mode=bilinear,antialias=yes|antialias 'yes' is not one of: true | false",
    "image:size=8x8,mode=bilinear,recompute_scale_factor=true|recompute_scale_factor goes with scale=",
    "image:size=8x8,mode=bilinear,torch_version=3|torch_version '3' is not one of: 2 | 1.13",
    "image:size=8x8,mode=bilinear,sizes=3|unknown key 'sizes'; keys: size, scale, mode",
    "image:size=2x2x2x2,mode=area|at most 3 spatial dimensions",
    "image:size=8x8,mode=area,max_output_elements=-1|max_output_elements '-1' is not an integer from 0 to 2147483639",
    "image:size=8x8,mode=area,max_output_elements=3000000000|max_output_elements '3000000000' is not an integer",
  })
  void columnSpec_invalid_saysWhatAndWhatIsAccepted(String spec, String message) {
    JobException e = usage(Map.of(), "--input", "in", "--output", "out", "--column", spec);
    assertTrue(e.getMessage().startsWith("--column '" + spec + "'"), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "--on-error|skip|--on-error: invalid value 'skip'; accepted: fail | null | quarantine",
    "--write-mode|append|--write-mode: invalid value 'append'; accepted: error | overwrite",
    "--compression|brotli|--compression: invalid value 'brotli'; accepted: snappy | zstd | gzip | lz4 | lz4_raw | none",
    "--backend|tpu|--backend: invalid value 'tpu'; accepted: auto | cpu | gpu",
    "--limit|0|--limit: 0 is out of range; accepted: an integer >= 1",
    "--limit|ten|--limit: 'ten' is not an integer; accepted: an integer >= 1",
    "--sample|1.5|--sample: '1.5' is not a fraction; accepted: a number with 0 < FRACTION <= 1",
    "--report-rows|500|--report-rows: 500 is out of range; accepted: an integer from 1 to 100",
    "--progress-interval|-1|--progress-interval: -1 is out of range; accepted: an integer from 0 to 86400",
    "--partition-by|a,,b|--partition-by: 'a,,b' has an empty column name",
    "--input-format|png|--input-format: invalid value 'png'; accepted: auto | parquet | image | binary",
    "--output-format|torch|--output-format: invalid value 'torch'; accepted: spark | arrow | huggingface",
  })
  void invalidValue_namesTheOptionAndTheAcceptedValues(String option, String value, String message) {
    JobException e = usage(Map.of(), with(option, value));
    assertEquals(message, e.getMessage().substring(0, Math.min(e.getMessage().length(), message.length())),
        e.getMessage());
  }

  @Test
  void invalidSparkConf_namesWhereTheValueCameFrom() {
    JobException e = usage(Map.of("spark.resample.on-error", "ignore"), MINIMAL);
    assertTrue(e.getMessage().startsWith("--on-error (from spark.resample.on-error): invalid value 'ignore'"),
        e.getMessage());
  }

  @Test
  void configFile_unknownKeyAndMissingFile_fail() throws IOException {
    Path conf = dir.resolve("bad.properties");
    Files.writeString(conf, "input = a\nouptut = b\n");
    JobException e = usage(Map.of(), "--config", conf.toString());
    assertTrue(e.getMessage().contains("unknown option 'ouptut'") && e.getMessage().contains("output"),
        e.getMessage());
    e = usage(Map.of(), "--config", dir.resolve("missing.properties").toString());
    assertTrue(e.getMessage().startsWith("--config: cannot read"), e.getMessage());
  }

  @Test
  void commandLine_structuralErrors() {
    assertTrue(usage(Map.of(), "--input", "in", "--colour", "x").getMessage()
        .startsWith("unknown option '--colour'; valid options: --input, --output, --column"));
    assertTrue(usage(Map.of(), "--input").getMessage().startsWith("--input needs a value"));
    assertTrue(usage(Map.of(), "input").getMessage().startsWith("unexpected argument 'input'"));
    assertTrue(usage(Map.of(), with("--limit", "1", "--limit", "2")).getMessage().contains("more than once"));
    assertTrue(usage(Map.of(), "--output", "o", "--column", "a:size=1,mode=area").getMessage()
        .startsWith("--input PATH is required"));
    assertTrue(usage(Map.of(), "--input", "i", "--output", "o").getMessage().startsWith("--column is required"));
    assertTrue(usage(Map.of(), with("--on-error", "quarantine")).getMessage()
        .startsWith("--on-error quarantine needs --quarantine-path"));
    assertTrue(usage(Map.of(), with("--quarantine-path", "q")).getMessage()
        .contains("only used with --on-error quarantine"));
    assertTrue(usage(Map.of(), "--input", "i", "--output", "o", "--column", "a:size=1,mode=area,output=x",
        "--column", "b:size=1,mode=area,output=x").getMessage().contains("same output column 'x'"));
    assertTrue(usage(Map.of(), with("--report=maybe")).getMessage().startsWith("--report is a flag"));
  }

  @Test
  void help_documentsEveryOptionWithAcceptedValuesAndDefaults() {
    String help = JobOption.help();
    for (JobOption o : JobOption.values()) {
      assertTrue(help.contains("--" + o.name), o.name);
      if (o.accepted != null) {
        assertTrue(help.contains("accepted: " + o.accepted.replace("|", " | ")), o.name);
      }
      if (o.defaultValue != null) {
        assertTrue(help.contains("default: " + o.defaultValue), o.name);
      }
    }
    assertTrue(help.contains("command line > --config file > spark.resample.* Spark confs > default"));
    assertTrue(parse(Map.of(), "--help").help);
  }
}

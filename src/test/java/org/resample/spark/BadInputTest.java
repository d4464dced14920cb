package org.resample.spark;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.resample.spark.sql.ResampleFunctions;
import org.resample.spark.sql.ResampleExtensions;

/** Malformed rows, bad options and wrong argument types: each fails with its own message. */
class BadInputTest {
  static SparkSession spark;

  @BeforeAll
  static void setUp() {
    spark = SparkTesting.spark();
    // One malformed row per kind, next to a good one.
    spark
        .sql(
            "SELECT * FROM VALUES"
                + " ('good', named_struct('data', array(1f, 2f, 3f, 4f), 'shape', array(1, 1, 2, 2))),"
                + " ('length', named_struct('data', array(1f, 2f, 3f, 4f, 5f), 'shape', array(1, 2, 3))),"
                + " ('negative', named_struct('data', array(1f), 'shape', array(1, -1, 1))),"
                + " ('overflow', named_struct('data', array(1f), 'shape', array(1, 65536, 65536, 65536))),"
                + " ('rank', named_struct('data', array(1f, 2f, 3f, 4f), 'shape', array(4))),"
                + " ('nullshape', named_struct('data', array(1f), 'shape', CAST(NULL AS ARRAY<INT>))),"
                + " ('nullelem', named_struct('data', array(1f, NULL, 3f, 4f), 'shape', array(1, 1, 2, 2)))"
                + " AS v(kind, t)")
        .createOrReplaceTempView("bad");
  }

  /** Runs {@code action}, expects a ResampleSqlException somewhere in the chain with every fragment. */
  static ResampleSqlException assertFails(Executable action, String... fragments) {
    Throwable t = assertThrows(Throwable.class, action);
    ResampleSqlException e = ResampleSqlException.find(t);
    if (e == null) {
      fail("expected a ResampleSqlException in the cause chain", t);
    }
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "message lacks '" + f + "': " + e.getMessage());
    }
    return e;
  }

  private static Dataset<Row> interpolateKind(String kind, String options) {
    return spark.sql(
        "SELECT resample.interpolate(t, array(3, 3), 'bilinear'" + options + ") FROM bad WHERE kind = '" + kind + "'");
  }

  @Test
  void malformedRows_failWithColumnProblemAndValues() {
    String[][] expected = {
      {"length", "data length 5 does not match shape [1, 2, 3] (6 elements)"},
      {"negative", "shape [1, -1, 1] has a negative dimension (-1)"},
      {"overflow", "shape [1, 65536, 65536, 65536] has more than", "overflows"},
      {"rank", "size [3, 3] has 2 values but the tensor has shape [4] (rank 1)"},
      {"nullshape", "shape is NULL"},
      {"nullelem", "data has a NULL element at index 1"},
    };
    for (String[] e : expected) {
      String[] fragments = new String[e.length];
      fragments[0] = "resample.interpolate(t)";
      System.arraycopy(e, 1, fragments, 1, e.length - 1);
      // Column API: the column's name is in the message.
      Dataset<Row> bad = spark.table("bad").where(col("kind").equalTo(e[0]));
      assertFails(
          () -> bad.select(ResampleFunctions.interpolate(col("t"), new int[] {3, 3}, "bilinear", Map.of())).collect(),
          fragments);
      // SQL: ResampleExtensions names the column; an explicit 'column' option wins.
      assertFails(() -> interpolateKind(e[0], "").collect(), "resample.interpolate(t): ", e[1]);
      assertFails(
          () -> interpolateKind(e[0], ", map('antialias', 'false')").collect(), "resample.interpolate(t): ", e[1]);
      assertFails(
          () -> interpolateKind(e[0], ", map('column', 'pixels')").collect(), "resample.interpolate(pixels): ", e[1]);
      // UDF path
      assertFails(
          () -> spark.sql("SELECT interpolate(t, array(3, 3), 'bilinear', map()) FROM bad WHERE kind = '" + e[0] + "'").collect(),
          "interpolate(t): ", e[1]);
    }
    // Options computed per row: no label, the function alone.
    assertFails(
        () -> spark.sql("SELECT resample.interpolate(t, array(3, 3), 'bilinear', map('antialias', kind)) FROM bad WHERE kind = 'length'").collect(),
        "resample.interpolate: invalid value 'length' for option 'antialias'");
  }

  @Test
  void malformedRows_onErrorNull_giveNull() {
    List<Row> rows =
        spark
            .sql("SELECT kind, resample.interpolate(t, array(3, 3), 'bilinear', map('on_error', 'null')) FROM bad ORDER BY kind")
            .collectAsList();
    assertEquals(7, rows.size());
    for (Row r : rows) {
      if (r.getString(0).equals("good")) {
        assertNotNull(r.get(1));
      } else {
        assertNull(r.get(1), r.getString(0));
      }
    }
    List<Row> udf =
        spark.sql("SELECT kind, interpolate(t, array(3, 3), 'bilinear', map('on_error', 'NULL')) FROM bad").collectAsList();
    assertEquals(1, udf.stream().filter(r -> r.get(1) != null).count());
  }

  @Test
  void coreErrors_areRowErrors() {
    // bicubic needs 4-D input; this tensor is 3-D with a 1-value size: torch's message, plus the call.
    assertFails(
        () -> spark.sql("SELECT resample.interpolate(named_struct('data', array(1f, 2f), 'shape', array(1, 1, 2)), array(4), 'bicubic') FROM range(1)").collect(),
        "resample.interpolate", "bicubic", "tensor shape [1, 1, 2]");
    assertFails(
        () -> spark.sql("SELECT resample.interpolate(t, array(0, 3), 'nearest') FROM bad WHERE kind = 'good'").collect(),
        "resample.interpolate", "size [0, 3]");
    Row r = spark.sql("SELECT resample.interpolate(t, array(0, 3), 'nearest', map('on_error', 'null')) FROM bad WHERE kind = 'good'").first();
    assertNull(r.get(0));
    // A huge result is a row error, not an executor OutOfMemoryError (found by ResampleFuzzTest).
    assertFails(
        () -> spark.sql("SELECT resample.interpolate_scale(t, 1e9D, 'nearest') FROM bad WHERE kind = 'good'").collect(),
        "resample.interpolate_scale", "scale_factor [1.0E9]");
    assertFails(
        () -> spark.sql("SELECT resample.interpolate(t, array(10, 10), 'nearest', map('max_output_elements', '99')) FROM bad WHERE kind = 'good'").collect(),
        "resample.interpolate", "size [10, 10]");
    assertFails(
        () -> spark.sql("SELECT resample.interpolate(t, 2, 'nearest', map('max_output_elements', '-1')) FROM bad"),
        "invalid value '-1' for option 'max_output_elements'");
  }

  @Test
  void badOptions_failAtAnalysis_listingValidOnes() {
    // spark.sql analyses eagerly: these throw before any job runs.
    assertFails(
        () -> spark.sql("SELECT resample.interpolate(t, array(3, 3), 'bilinear', map('align_corner', 'true')) FROM bad"),
        "unknown option 'align_corner'",
        "align_corners, recompute_scale_factor, antialias, on_error, torch_version, compat, half_pixel_centers, reducing_gap, column,"
            + " max_output_elements");
    assertFails(
        () -> spark.sql("SELECT resample.interpolate(t, array(3, 3), 'bilinear', map('antialias', 'yes')) FROM bad"),
        "invalid value 'yes' for option 'antialias'", "'true' | 'false'");
    assertFails(
        () -> spark.sql("SELECT resample.interpolate_scale(t, 2.0, 'bilinear', map('on_error', 'skip')) FROM bad"),
        "resample.interpolate_scale", "'fail' | 'null'");
    assertFails(
        () -> spark.sql("SELECT resample.interpolate(t, 3, 'bilinear', map('torch_version', '1.12')) FROM bad"),
        "'2' | '1.13'");
    assertFails(
        () -> spark.sql("SELECT resample.interpolate(t, array(3, 3), 'bilinaer') FROM bad"),
        "unknown interpolation mode 'bilinaer'",
        "nearest | nearest-exact | linear | bilinear | bicubic | trilinear | lanczos | area");
    // registered UDFs get the same check
    assertFails(
        () -> spark.sql("SELECT interpolate(t, array(3, 3), 'bilinear', map('foo', 'bar')) FROM bad"),
        "interpolate: unknown option 'foo'");
    // Column API: when the Column is built
    assertFails(
        () -> ResampleFunctions.interpolate(col("t"), new int[] {3, 3}, "cubic", Map.of()),
        "unknown interpolation mode 'cubic'");
    assertFails(
        () -> ResampleFunctions.interpolateScale(col("t"), 2.0, "nearest", Map.of("align_corners", "maybe")),
        "invalid value 'maybe' for option 'align_corners'");
  }

  @Test
  void wrongArgumentTypes_failAtAnalysis_listingAcceptedTypes() {
    AnalysisException a =
        assertThrows(AnalysisException.class, () -> spark.sql("SELECT resample.interpolate('abc', 3, 'nearest')"));
    assertTrue(a.getMessage().contains("argument 1 (tensor) has type string"), a.getMessage());
    assertTrue(a.getMessage().contains("STRUCT<data: ARRAY<FLOAT>, shape: ARRAY<INT>> (float32)"), a.getMessage());
    assertFails(
        () -> spark.sql("SELECT resample.interpolate(t, 2.5, 'nearest') FROM bad"),
        "argument 2 (size) has type decimal(2,1)", "size: INT (or TINYINT/SMALLINT) or ARRAY<INT>");
    assertFails(
        () -> spark.sql("SELECT resample.interpolate(t, array(2, 2), 3) FROM bad"), "argument 3 (mode) has type int");
    assertFails(
        () -> spark.sql("SELECT resample.interpolate(t, array(2, 2), 'nearest', map('a', 1)) FROM bad"),
        "argument 4 (options) has type map<string,int>");
    assertFails(
        () -> spark.sql("SELECT resample.interpolate(t, array(2, 2)) FROM bad"), "cannot be called with (2 arguments");
    assertFails(
        () -> spark.sql("SELECT resample.interpolate_scale(t, 'x', 'nearest') FROM bad"),
        "argument 2 (scale_factor) has type string");
    assertFails(() -> spark.sql("SELECT resample.tensor(array('a'), array(1))"), "resample.tensor", "accepted");
    assertFails(() -> spark.sql("SELECT resample.from_npy(42)"), "resample.from_npy", "(npy BINARY)");
    assertFails(() -> spark.sql("SELECT resample.to_image(array(1))"), "resample.to_image", "where tensor is");
    // The UDF path checks the tensor type per row.
    assertFails(
        () -> spark.sql("SELECT interpolate(named_struct('data', array(1d), 'shape', array(1, 1, 1)), 2, 'nearest', NULL)").collect(),
        "the tensor is float64 but this UDF returns float32 results; call interpolate_double");
  }

  private static Dataset<Row> npyRows(byte[]... values) {
    Row[] rows = new Row[values.length];
    for (int i = 0; i < values.length; i++) {
      rows[i] = RowFactory.create((Object) values[i]);
    }
    return spark.createDataFrame(List.of(rows), new StructType().add("b", DataTypes.BinaryType));
  }

  static byte[] npy(String header, int payload) {
    StringBuilder h = new StringBuilder(header);
    while ((10 + h.length() + 1) % 64 != 0) {
      h.append(' ');
    }
    h.append('\n');
    byte[] hb = h.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] out = new byte[10 + hb.length + payload];
    out[0] = (byte) 0x93;
    System.arraycopy("NUMPY".getBytes(StandardCharsets.US_ASCII), 0, out, 1, 5);
    out[6] = 1;
    out[8] = (byte) hb.length;
    out[9] = (byte) (hb.length >> 8);
    System.arraycopy(hb, 0, out, 10, hb.length);
    return out;
  }

  /** A version 3.0 .npy value: its header is UTF-8. */
  static byte[] npy3(String header, int payload) {
    byte[] hb = (header + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[12 + hb.length + payload];
    out[0] = (byte) 0x93;
    System.arraycopy("NUMPY".getBytes(StandardCharsets.US_ASCII), 0, out, 1, 5);
    out[6] = 3;
    out[8] = (byte) hb.length;
    out[9] = (byte) (hb.length >> 8);
    System.arraycopy(hb, 0, out, 12, hb.length);
    return out;
  }

  @Test
  void badNpy_eachProblemHasItsMessage() {
    Object[][] cases = {
      {"hello world".getBytes(StandardCharsets.US_ASCII), "not a .npy value: the first bytes are 68656c6c6f20"},
      {new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 9, 0, 0, 0}, "unsupported .npy format version 9.0"},
      {npy("{'descr': '<c8', 'fortran_order': False, 'shape': (2,), }", 16), "unsupported .npy dtype '<c8'"},
      {npy("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", 8), "pickled Python objects are never loaded"},
      {npy("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }", 4), "structured dtypes are not supported"},
      {npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", 20), ".npy payload has 20 bytes but shape [2, 3] of dtype '<f4' needs 24"},
      {npy("{'descr': '<f4', 'shape': (2, 3), }", 24), "must have the keys 'descr', 'fortran_order' and 'shape'"},
      {npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, -3), }", 24), "expected a non-negative integer dimension"},
      {npy("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999,), }", 0), "dimension 99999999999 is larger than"},
      {npy("{'descr': '<f4', 'fortran_order': False, 'shape': (65536, 65536, 65536), }", 0), "overflows"},
    };
    for (Object[] c : cases) {
      assertFails(() -> npyRows((byte[]) c[0]).select(ResampleFunctions.fromNpy(col("b"))).collect(), "resample.from_npy: ", (String) c[1]);
    }
    assertFails(
        () -> npyRows(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", 4)).select(ResampleFunctions.fromNpyUint8(col("b"))).collect(),
        "'<f4' cannot be read as uint8 without loss");
    assertFails(
        () -> spark.sql("SELECT from_npy(X'00')").collect(), "from_npy: not a .npy value: 1 bytes");
  }

  @Test
  void npyHeaders_areReadAsNumPyReadsThem() {
    // Python's tokenizer takes ASCII digits only: NumPy refuses a shape of Arabic-Indic digits.
    assertFails(
        () -> npyRows(npy3("{'descr': '<f4', 'fortran_order': False, 'shape': (\u0661,), }", 4))
            .select(ResampleFunctions.fromNpy(col("b"))).collect(),
        "expected a non-negative integer dimension");
    assertFails(
        () -> npyRows(npy3("{'descr': '<f\u0664', 'fortran_order': False, 'shape': (1,), }", 4))
            .select(ResampleFunctions.fromNpy(col("b"))).collect(),
        "unsupported .npy dtype '<f\u0664'");
    assertFails(
        () -> npyRows(npy("{'descr': '<f-4', 'fortran_order': False, 'shape': (1,), }", 4))
            .select(ResampleFunctions.fromNpy(col("b"))).collect(),
        "unsupported .npy dtype '<f-4'");
    // np.dtype('|f4') and np.dtype('<f+4') are float32 in NumPy 1.24 and 2.4 alike (README, .npy):
    // they read as '<f4' does.
    byte[] plain = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", 4);
    byte[] bar = npy("{'descr': '|f4', 'fortran_order': False, 'shape': (1,), }", 4);
    byte[] plus = npy("{'descr': '<f+4', 'fortran_order': False, 'shape': (1,), }", 4);
    for (byte[] b : new byte[][] {plain, bar, plus}) {
      b[b.length - 1] = 0x3f;
      b[b.length - 2] = (byte) 0x80; // 1.0f, little-endian
    }
    List<Row> read = npyRows(plain, bar, plus).select(ResampleFunctions.fromNpy(col("b")).getField("data")).collectAsList();
    for (Row r : read) {
      assertEquals(List.of(1.0f), r.getList(0));
    }
  }

  @Test
  void strictOptions_controlCharactersTypedVersionsAndDuplicateKeys_areRefused() {
    assertFails(
        () -> spark.sql("SELECT resample.interpolate(t, array(3, 3), 'bilinear\\0') FROM bad").collect(),
        "unknown interpolation mode 'bilinear\\u0000'");
    assertFails(
        () -> spark.sql("SELECT resample.interpolate(t, array(3, 3), 'bilinear', map('torch_version', '2.foo')) FROM bad"),
        "invalid value '2.foo' for option 'torch_version'");
    assertFails(
        () -> spark.sql("SELECT resample.interpolate(t, array(3, 3), 'bilinear', map('antialias', 'true', 'ANTIALIAS', 'false')) FROM bad"),
        "option 'antialias' is given twice (as 'antialias' and 'ANTIALIAS'");
    // what PyTorch and pip print as versions is still accepted
    for (String v : List.of("2", "2.1", "2.13.0", "1.13", "1.13.1")) {
      assertEquals(1, spark.sql("SELECT resample.interpolate(t, array(3, 3), 'bilinear', map('torch_version', '" + v
          + "')) FROM bad WHERE kind = 'good'").collectAsList().size(), v);
    }
    assertEquals(1, spark.sql("SELECT resample.interpolate(t, array(3, 3), ' Bilinear ') FROM bad WHERE kind = 'good'")
        .collectAsList().size(), "surrounding white space is forgiven");
  }

  @Test
  void messages_haveOneLine_andNameTheColumn() {
    // a line break in the column option (or any value) cannot start a log line of its own
    ResampleSqlException e = assertFails(
        () -> spark.sql("SELECT resample.interpolate(t, array(3, 3), 'bilinear', map('column', 'a\nERROR forged'))"
            + " FROM bad WHERE kind = 'length'").collect(),
        "resample.interpolate(a\\nERROR forged): data length 5");
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    // a nullable scalar scale takes the row-at-a-time path; its errors still name the column
    assertFails(
        () -> spark.sql("SELECT resample.interpolate_scale(t, double('NaN'), 'bilinear') FROM bad WHERE kind = 'good'").collect(),
        "resample.interpolate_scale(t): scale_factor must be a finite number > 0, but got NaN");
    assertFails(
        () -> spark.sql("SELECT resample.interpolate_scale(t, double('NaN'), 'bilinear', map('antialias', 'false'))"
            + " FROM bad WHERE kind = 'good'").collect(),
        "resample.interpolate_scale(t): scale_factor must be a finite number > 0");
  }

  @Test
  void badConversions_haveMessages() {
    assertFails(
        () -> spark.sql("SELECT resample.tensor(array(1f, 2f, 3f), array(2, 2))").collect(),
        "resample.tensor: data length 3 does not match shape [2, 2] (4 elements)");
    assertFails(
        () -> spark.sql("SELECT resample.to_image(named_struct('data', X'0102', 'shape', array(2, 1, 1)))").collect(),
        "resample.to_image: to_image needs 1, 3 or 4 channels (CV_8UC1/3/4), got 2");
    assertFails(
        () -> spark.sql("SELECT resample.to_image(named_struct('data', X'01', 'shape', array(1)))").collect(),
        "to_image needs a (C, H, W) or (1, C, H, W) tensor, got shape [1]");
    assertFails(
        () -> spark.sql(
                "SELECT resample.interpolate(named_struct('origin', 'x.png', 'height', -1, 'width', -1, 'nChannels', -1, 'mode', -1, 'data', X''), 2, 'nearest')")
            .collect(),
        "invalid image (height -1, width -1, nChannels -1, origin 'x.png')");
    assertFails(
        () -> spark.sql(
                "SELECT resample.interpolate(named_struct('origin', 'x.png', 'height', 1, 'width', 1, 'nChannels', 3, 'mode', 0, 'data', X'010203'), 2, 'nearest')")
            .collect(),
        "image mode 0 does not match nChannels 3");
    // the conversion functions check what they are given, even where they copy it unchanged
    assertFails(
        () -> spark.sql(
                "SELECT resample.to_image(named_struct('origin', 'x.png', 'height', -1, 'width', -1, 'nChannels', -1, 'mode', -1, 'data', X''))")
            .collect(),
        "resample.to_image: invalid image (height -1");
    assertFails(
        () -> spark.sql(
                "SELECT resample.to_image(named_struct('origin', 'x.png', 'height', 2, 'width', 2, 'nChannels', 1, 'mode', 0, 'data', X'01'))")
            .collect(),
        "resample.to_image: data length 1 does not match shape [2, 2, 1]");
    assertFails(
        () -> spark.sql("SELECT resample.tensor_shape(named_struct('data', array(1f), 'shape', array(1, -1, 1)))").collect(),
        "resample.tensor_shape: shape [1, -1, 1] has a negative dimension (-1)");
    assertFails(
        () -> spark.sql("SELECT resample.tensor_shape(named_struct('data', X'0102', 'shape', array(1, 1, 3)))").collect(),
        "resample.tensor_shape: data length 2 does not match shape [1, 1, 3]");
    assertFails(
        () -> spark.sql(
                "SELECT resample.tensor_shape(named_struct('origin', 'x.png', 'height', -1, 'width', -1, 'nChannels', -1, 'mode', -1, 'data', X''))")
            .collect(),
        "resample.tensor_shape: invalid image (height -1");
    assertFails(
        () -> spark.sql("SELECT tensor_shape(named_struct('data', array(1d), 'shape', array(-1)))").collect(),
        "tensor_shape: shape [-1] has a negative dimension (-1)");
  }
}

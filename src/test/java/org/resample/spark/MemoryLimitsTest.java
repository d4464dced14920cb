package org.resample.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.resample.core.DType;
import org.resample.core.Tensor;
import org.resample.spark.codec.RowCodec;
import org.resample.spark.operator.Resampler;

/**
 * Memory bounds that hold: a row's call is refused (a row error, under on_error) when its result,
 * tables and intermediates need more than its limit, the limit cannot ask for more than one Spark
 * row holds, and the per-thread input buffers are released when their task ends.
 */
class MemoryLimitsTest {
  static SparkSession spark;

  @BeforeAll
  static void setUp() {
    spark = SparkTesting.spark();
    spark.sql("SELECT 1 AS id, named_struct('data', array(1f, 2f, 3f, 4f), 'shape', array(1, 1, 1, 4)) AS t")
        .createOrReplaceTempView("tiny");
  }

  @Test
  void longBicubicAxis_isARowError_notAnExecutorOutOfMemory() {
    // 2^26 outputs (256 MiB of float32, at the limit) along one axis need 4.25 GiB of bicubic tables
    Row r = spark.sql("SELECT resample.interpolate(t, array(1, 67108864), 'bicubic', map('on_error', 'null')) FROM tiny")
        .first();
    assertNull(r.get(0));
    BadInputTest.assertFails(
        () -> spark.sql("SELECT resample.interpolate(t, array(1, 67108864), 'bicubic') FROM tiny").collect(),
        "resample.interpolate(t): resampling to shape [1, 1, 1, 67108864] (bicubic, float32) needs",
        "index/weight tables 4.3 GiB", "more than the limit of one call, 256.0 MiB (maxOutputElements 67108864");
    // the same through the Resampler, as the job runs it: the row is quarantined
    Dataset<Row> out = new Resampler().setInputCol("t").setSize(1, 67108864).setMode("bicubic").setOnError("quarantine")
        .transform(spark.table("tiny"));
    Row q = out.first();
    assertNull(q.get(1));
    assertTrue(q.getString(2).contains("index/weight tables"), q.getString(2));
  }

  @Test
  void maxOutputElements_isCappedAtWhatOneSparkRowHolds_forTheDtype() {
    // a float32 result of 576 M elements (2.3 GB) cannot be one Spark row: refused at analysis
    BadInputTest.assertFails(
        () -> spark.sql("SELECT resample.interpolate(t, 2, 'nearest', map('max_output_elements', '576000000')) FROM tiny"),
        "max_output_elements 576000000 is more than one Spark row holds for float32 results; give at most 520602074");
    BadInputTest.assertFails(
        () -> spark.sql("SELECT resample.interpolate(named_struct('data', array(1d), 'shape', array(1, 1, 1)), 2,"
            + " 'nearest', map('max_output_elements', '300000000'))"),
        "for float64 results; give at most 264305668");
    // uint8 rows hold more
    assertEquals(1, spark.sql("SELECT resample.interpolate(named_struct('data', X'01', 'shape', array(1, 1, 1)), 2,"
        + " 'nearest', map('max_output_elements', '576000000'))").collectAsList().size());
    // options computed per row: checked at the row, and a setting fails the query whatever on_error says
    spark.sql("SELECT t, '576000000' AS m FROM tiny").createOrReplaceTempView("limits");
    BadInputTest.assertFails(
        () -> spark.sql("SELECT resample.interpolate(t, 2, 'nearest', map('max_output_elements', m, 'on_error', 'null'))"
            + " FROM limits").collect(),
        "more than one Spark row holds for float32 results");
  }

  @Test
  void inputScratch_isReleasedWhenTheTaskEnds() {
    float[] data = new float[RowCodec.SCRATCH_MIN * 2];
    GenericInternalRow row = new GenericInternalRow(new Object[] {
        UnsafeArrayData.fromPrimitiveArray(data), UnsafeArrayData.fromPrimitiveArray(new int[] {1, 1, 2, RowCodec.SCRATCH_MIN})});
    AtomicLong during = HELD_DURING;
    AtomicLong after = HELD_AFTER;
    during.set(-1);
    after.set(-1);
    new JavaSparkContext(spark.sparkContext()).parallelize(List.of(1), 1).foreachPartition(it -> {
      // listeners run in reverse order of registration: this one runs after RowCodec's
      TaskContext.get().addTaskCompletionListener(
          (org.apache.spark.util.TaskCompletionListener) ctx -> HELD_AFTER.set(RowCodec.scratchHeldElements()));
      Tensor x = RowCodec.readCanonical(row, DType.FLOAT32, "test", true);
      HELD_DURING.set(RowCodec.scratchHeldElements());
      assertEquals(data.length, x.numel());
    });
    assertEquals(data.length, during.get(), "the buffer is reused while the task reads rows");
    assertEquals(0, after.get(), "and let go when the task ends");
  }

  static final AtomicLong HELD_DURING = new AtomicLong();
  static final AtomicLong HELD_AFTER = new AtomicLong();
}

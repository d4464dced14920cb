package org.resample.spark.operator;

import org.apache.spark.Partition;
import org.apache.spark.Partitioner;
import org.apache.spark.TaskContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.resample.spark.shim.ScalaShim;
import scala.Option;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * The {@link BatchOperator} run over each partition of its input rows: the RDD under a {@link
 * Resampler}'s output. Every row it yields is an {@link UnsafeRow}, which is what lets {@link
 * ResampledScanExec} hand them on as they are.
 */
final class ResampledRows extends RDD<InternalRow> {
  private static final long serialVersionUID = 1L;
  private static final ClassTag<InternalRow> ROW = ClassTag$.MODULE$.apply(InternalRow.class);

  private final BatchOperator operator;

  ResampledRows(RDD<InternalRow> input, BatchOperator operator) {
    super(input, ROW);
    this.operator = operator;
  }

  @Override
  public scala.collection.Iterator<InternalRow> compute(Partition split, TaskContext context) {
    scala.collection.Iterator<InternalRow> input = firstParent(ROW).iterator(split, context);
    return ScalaShim.asScala(operator.call(ScalaShim.asJava(input)));
  }

  @Override
  public Partition[] getPartitions() {
    return firstParent(ROW).partitions();
  }

  @Override
  public Option<Partitioner> partitioner() {
    return firstParent(ROW).partitioner();
  }
}

package org.resample.spark.shim;

import org.apache.spark.sql.execution.SparkPlan;
import scala.collection.immutable.IndexedSeq;

/**
 * A physical plan node without children, for Scala 2.13. Shim entry: {@code
 * TreeNode.withNewChildrenInternal} takes a {@code scala.collection.immutable.IndexedSeq} on Scala 2.13 (the Scala
 * 2.12 copy names the other {@code IndexedSeq}); checked with Spark 3.5.6, 4.0.1, 4.1.0 and 4.2.0.
 */
public abstract class LeafExec extends SparkPlan {
  private static final long serialVersionUID = 1L;

  @Override
  public scala.collection.immutable.Seq<SparkPlan> children() {
    return scala.collection.immutable.List$.MODULE$.empty();
  }

  @Override
  public SparkPlan withNewChildrenInternal(IndexedSeq<SparkPlan> newChildren) {
    return this;
  }
}

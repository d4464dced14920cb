package org.resample.spark.shim;

import org.apache.spark.sql.execution.SparkPlan;
import scala.collection.IndexedSeq;

/**
 * A physical plan node without children, for Scala 2.12. Shim entry: {@code
 * TreeNode.withNewChildrenInternal} takes a {@code scala.collection.IndexedSeq} on Scala 2.12 (the Scala
 * 2.13 copy names the other {@code IndexedSeq}); checked with Spark 3.5.9.
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

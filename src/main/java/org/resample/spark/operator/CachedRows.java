package org.resample.spark.operator;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.columnar.CachedBatch;
import org.apache.spark.sql.execution.columnar.DefaultCachedBatch;
import org.apache.spark.sql.execution.columnar.DefaultCachedBatchSerializer;
import org.apache.spark.sql.execution.columnar.InMemoryRelation;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.resample.spark.shim.SparkInternals;
import org.resample.spark.shim.SparkShim;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rows of a Dataset that is a cached relation as a whole ({@code df.cache()}, {@code
 * persist}, a cached table), read from the cache's column buffers without copying the values that
 * are stored as bytes. Spark's own scan of the cache writes every row into a new unsafe row: for a
 * tensor column, a copy of the whole tensor per row, which on a large downscale costs a quarter of
 * the resampling itself. Here Spark's own column accessors decode each batch into one reused row
 * whose struct, array, map, string and binary values point into the cached buffers, which stay
 * unchanged for as long as the cache holds them.
 *
 * <p>This reads Spark's default cache format ({@code DefaultCachedBatch}) through Spark's own
 * decoder ({@code ColumnAccessor}); for any other plan, cache serializer or column type, or a Spark
 * without those classes, {@link #of} returns null and the caller scans the Dataset as Spark does.
 */
public final class CachedRows {
  private static final Logger LOG = LoggerFactory.getLogger(CachedRows.class);

  private CachedRows() {}

  /**
   * The rows of {@code ds} read straight from its cache, or null where that does not apply ({@code
   * ds} is not exactly a cached relation in Spark's default format, or has a column type this
   * reader does not take).
   */
  public static RDD<InternalRow> of(Dataset<?> ds) {
    try {
      LogicalPlan plan = SparkShim.queryExecution(ds).optimizedPlan();
      if (!(plan instanceof InMemoryRelation)) {
        return null;
      }
      InMemoryRelation relation = (InMemoryRelation) plan;
      if (!(relation.cacheBuilder().serializer() instanceof DefaultCachedBatchSerializer)) {
        return null;
      }
      StructType schema = ds.schema();
      if (relation.output().size() != schema.size()) {
        return null;
      }
      DataType[] types = new DataType[schema.size()];
      for (int i = 0; i < types.length; i++) {
        StructField f = schema.fields()[i];
        if (!decodable(f.dataType())) {
          return null;
        }
        types[i] = f.dataType();
      }
      return relation
          .cacheBuilder()
          .cachedColumnBuffers()
          .toJavaRDD()
          .mapPartitions(new Decode(types))
          .rdd();
    } catch (LinkageError e) {
      LOG.debug("cached rows are scanned by Spark: this Spark lacks its default cache reader", e);
      return null;
    }
  }

  /**
   * Top-level types whose values Spark's column accessors decode into a generic row: the ones its
   * default cache has stored since Spark 3. Nested types are stored as bytes, whatever is in them.
   */
  private static boolean decodable(DataType t) {
    return t.equals(DataTypes.BooleanType)
        || t.equals(DataTypes.ByteType)
        || t.equals(DataTypes.ShortType)
        || t.equals(DataTypes.IntegerType)
        || t.equals(DataTypes.LongType)
        || t.equals(DataTypes.FloatType)
        || t.equals(DataTypes.DoubleType)
        || t.equals(DataTypes.StringType)
        || t.equals(DataTypes.BinaryType)
        || t.equals(DataTypes.DateType)
        || t.equals(DataTypes.TimestampType)
        || t instanceof DecimalType
        || t instanceof StructType
        || t instanceof ArrayType
        || t instanceof MapType;
  }

  /** Decodes a partition's cached batches, one reused row at a time. */
  private static final class Decode implements FlatMapFunction<Iterator<CachedBatch>, InternalRow> {
    private static final long serialVersionUID = 1L;
    private final DataType[] types;

    Decode(DataType[] types) {
      this.types = types;
    }

    @Override
    public Iterator<InternalRow> call(Iterator<CachedBatch> batches) {
      return new Iterator<InternalRow>() {
        private final GenericInternalRow row = new GenericInternalRow(types.length);
        private SparkInternals.ColumnDecoder[] columns;
        private int left;

        @Override
        public boolean hasNext() {
          while (left == 0 && batches.hasNext()) {
            DefaultCachedBatch batch = (DefaultCachedBatch) batches.next();
            columns = new SparkInternals.ColumnDecoder[types.length];
            for (int i = 0; i < types.length; i++) {
              columns[i] = SparkInternals.columnDecoder(types[i], ByteBuffer.wrap(batch.buffers()[i]));
            }
            left = batch.numRows();
          }
          return left > 0;
        }

        @Override
        public InternalRow next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          for (int i = 0; i < columns.length; i++) {
            columns[i].extractTo(row, i);
          }
          left--;
          return row;
        }
      };
    }
  }
}

package org.resample.spark.operator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.unsafe.types.UTF8String;
import org.resample.core.Backend;
import org.resample.core.CpuBackend;
import org.resample.core.Interpolate;
import org.resample.core.InterpolateException;
import org.resample.core.InterpolateOptions;
import org.resample.core.Tensor;
import org.resample.gpu.Backends;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.resample.spark.codec.TensorColumn;
import org.resample.spark.codec.RowCodec;
import org.resample.spark.codec.Ops;
import org.resample.spark.Errors;
import org.resample.spark.ResampleSqlException;

/**
 * The batched resample operator over one partition's internal rows: gathers rows into batches of at
 * most {@code batchRows} rows and about {@code batchBytes} bytes of input plus output tensors, hands
 * each batch's tensors to one {@link Backend} call, and emits the rows in their original order with
 * the result column added or replaced (and, under the quarantine policy, an error column). Every
 * other column is carried through as it was. At most one batch is held at a time, so memory per task
 * is bounded by the batch settings, not by the partition's size.
 *
 * <p>On the CPU, a format whose result can be computed in place ({@link
 * TensorColumn#resamplesInto}) is resampled row by row instead, each result computed straight into
 * its output row. Rows come out as {@link UnsafeRow}s (see {@link OutputRow}).
 */
final class BatchOperator implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(BatchOperator.class);

  /** What happens to a malformed row. */
  enum OnError {
    FAIL,
    NULL,
    QUARANTINE
  }

  /** The row layout: where things are in the input and the output rows. */
  static final class Layout implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    DataType[] inputTypes;
    int tensorOrdinal;
    /** Position of the result in the output row (the tensor's own position when replacing). */
    int resultOrdinal;
    /** Position of the error column in the output row, or -1. */
    int errorOrdinal = -1;
    /** The error column is an input column (an earlier Resampler's): keep its non-null values. */
    boolean errorColumnIsInput;
    int outputWidth;
    /** The output row's column types. */
    DataType[] outputTypes;
    int keyOrdinal = -1;
    String keyName;
  }

  private final Layout layout;
  private final TensorColumn format;
  private final InterpolateOptions options;
  private final int[] size;
  private final double[] scale;
  private final boolean vector;
  private final OnError onError;
  private final int batchRows;
  private final long batchBytes;
  private final String backendChoice;
  private final Map<String, String> backendConf;
  private final String column;
  private final ResampleMetrics metrics;

  BatchOperator(
      Layout layout,
      TensorColumn format,
      InterpolateOptions options,
      boolean vector,
      OnError onError,
      int batchRows,
      long batchBytes,
      String backendChoice,
      Map<String, String> backendConf,
      String column,
      ResampleMetrics metrics) {
    this.layout = layout;
    this.format = format;
    this.options = options;
    this.size = options.size();
    this.scale = options.scaleFactor();
    this.vector = vector;
    this.onError = onError;
    this.batchRows = batchRows;
    this.batchBytes = batchBytes;
    this.backendChoice = backendChoice;
    this.backendConf = backendConf;
    this.column = column;
    this.metrics = metrics;
  }

  /** One row of a batch: its output values, and the call when the tensor is good. */
  private static final class Pending {
    final Object[] values;
    Tensor call;
    int[] outputShape;
    int outputElements;
    boolean sample;
    Object carry;
    String where;

    Pending(Object[] values) {
      this.values = values;
    }
  }

  /** What one batch position reuses from batch to batch: input buffers and output row storage. */
  private static final class Slot {
    final TensorColumn.Buffers buffers = new TensorColumn.Buffers();
    final OutputRow output;

    Slot(Layout layout) {
      output = new OutputRow(layout.outputTypes, layout.resultOrdinal);
    }
  }

  /**
   * The partition's rows with the result column, as {@link UnsafeRow}s each valid until the
   * iterator moves past the batch that holds it (Spark's contract for rows an operator emits).
   */
  @Override
  public Iterator<InternalRow> call(Iterator<InternalRow> rows) {
    return new Iterator<InternalRow>() {
      private final ArrayDeque<InternalRow> ready = new ArrayDeque<>();
      /** Per batch position, reused by the next batch once this one's rows are consumed. */
      private final List<Slot> slots = new ArrayList<>();
      private Backend backend;

      @Override
      public boolean hasNext() {
        while (ready.isEmpty() && rows.hasNext()) {
          if (resamplesEachRow()) {
            ready.add(resampleOne(rows.next()));
          } else {
            runBatch(rows);
          }
        }
        if (ready.isEmpty() && backend != null) {
          backend.close();
          backend = null;
        }
        return !ready.isEmpty();
      }

      @Override
      public InternalRow next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return ready.poll();
      }

      /**
       * Whether each row is resampled on its own as soon as it is read: on the CPU, straight into
       * its output row. Other backends take a batch in one call.
       */
      private boolean resamplesEachRow() {
        return backend == CpuBackend.INSTANCE && format.resamplesInto();
      }

      /**
       * One row, read and written before the next is read: its carried values are not copied, its
       * input is decoded into slot 0's buffers and its result computed into slot 0's output row.
       */
      private InternalRow resampleOne(InternalRow row) {
        Slot slot = slotAt(0);
        Pending p = gather(row, slot.buffers, false);
        if (p.call == null) {
          return slot.output.of(new GenericInternalRow(p.values));
        }
        try {
          InternalRow out =
              slot.output.resampled(
                  new GenericInternalRow(p.values),
                  format,
                  p.call,
                  options,
                  p.outputElements,
                  Ops.columnShape(p.outputShape, p.sample),
                  p.where);
          metrics.rowsOk().add(1);
          return out;
        } catch (ResampleSqlException e) {
          reject(p, e);
        } catch (InterpolateException e) { // a compat profile's refusal its output shape cannot see
          reject(p, refused(p, e));
        } catch (OutOfMemoryError e) {
          reject(p, Errors.outOfMemory(p.where, p.call.shape(), e));
        }
        return slot.output.of(new GenericInternalRow(p.values));
      }

      /**
       * Gathers rows into a batch (copying their values, which must outlive the input rows) until
       * the batch is full, or until the backend, opened at the batch's first good row, turns out
       * to resample each row on its own; then resamples the batch's tensors in one backend call.
       */
      private void runBatch(Iterator<InternalRow> rows) {
        List<Pending> batch = new ArrayList<>();
        List<Pending> good = new ArrayList<>();
        long bytes = 0;
        while (rows.hasNext() && batch.size() < batchRows && bytes < batchBytes && !resamplesEachRow()) {
          Pending p = gather(rows.next(), slotAt(batch.size()).buffers, true);
          batch.add(p);
          if (p.call != null) {
            long in = p.call.numel() * p.call.dtype().byteSize();
            long out = (long) p.outputElements * p.call.dtype().byteSize();
            // Input (and its carried copy when not replaced), result, encoded result.
            bytes += (replacing() ? in : 2 * in) + 2 * out;
            if (backend == null) {
              backend = openBackend();
            }
            good.add(p);
          }
        }
        if (!good.isEmpty()) {
          Tensor[] inputs = new Tensor[good.size()];
          for (int i = 0; i < inputs.length; i++) {
            inputs[i] = good.get(i).call;
          }
          Tensor[] outputs;
          try {
            outputs = resample(inputs);
          } catch (OutOfMemoryError | InterpolateException e) {
            outputs = resampleOneByOne(good);
          }
          int ok = 0;
          for (int i = 0; i < inputs.length; i++) {
            Pending p = good.get(i);
            if (outputs[i] != null) {
              Tensor y = Ops.inDType(outputs[i], p.call.dtype());
              p.values[layout.resultOrdinal] = format.write(Ops.callOutput(y, p.sample), p.carry);
              ok++;
            }
            p.call = null;
          }
          metrics.rowsOk().add(ok);
        }
        for (int i = 0; i < batch.size(); i++) {
          ready.add(slotAt(i).output.of(new GenericInternalRow(batch.get(i).values)));
        }
      }

      /**
       * A batch that ran out of memory (or that a compat profile refused), one row per call: a row
       * that still does not fit, or that the profile refuses, is a row error (its result null), so
       * one row never takes the executor down.
       */
      private Tensor[] resampleOneByOne(List<Pending> rows) {
        Tensor[] outputs = new Tensor[rows.size()];
        for (int i = 0; i < outputs.length; i++) {
          Pending p = rows.get(i);
          try {
            outputs[i] = resample(new Tensor[] {p.call})[0];
          } catch (OutOfMemoryError e) {
            reject(p, Errors.outOfMemory(p.where, p.call.shape(), e));
          } catch (InterpolateException e) {
            reject(p, refused(p, e));
          }
        }
        return outputs;
      }

      private Slot slotAt(int i) {
        if (slots.size() == i) {
          slots.add(new Slot(layout));
        }
        return slots.get(i);
      }

      private Tensor[] resample(Tensor[] inputs) {
        return Backends.resampleOrRetryOnCpu(
            backend, inputs, options, "Resampler(" + column + ")", () -> metrics.cpuRetries().add(1));
      }
    };
  }

  /** A row's call refused by the core when it ran (a compat profile's own checks). */
  private ResampleSqlException refused(Pending p, InterpolateException e) {
    return Ops.callError(p.where, e, p.call, size, scale, Ops.modeText(options.compat(), options.filter()));
  }

  private boolean replacing() {
    return layout.resultOrdinal == layout.tensorOrdinal;
  }

  /**
   * A row's carried values (copied when {@code copy}, else still pointing into {@code row}) and its
   * tensor, decoded into {@code buffers} and checked.
   */
  private Pending gather(InternalRow row, TensorColumn.Buffers buffers, boolean copy) {
    Object[] values = new Object[layout.outputWidth];
    DataType[] types = layout.inputTypes;
    for (int i = 0; i < types.length; i++) {
      if (!row.isNullAt(i) && !(i == layout.tensorOrdinal && replacing())) {
        Object v = row.get(i, types[i]);
        values[i] = copy ? InternalRow.copyValue(v) : v;
      }
    }
    Pending p = new Pending(values);
    int t = layout.tensorOrdinal;
    if (row.isNullAt(t)) {
      values[layout.resultOrdinal] = null;
      metrics.rowsNull().add(1);
      return p;
    }
    String where = where(row);
    p.where = where;
    Tensor x = null;
    try {
      x = format.read(row, t, where, buffers);
      Tensor call = Ops.callInput(format.kind(), x, size, scale, vector, where);
      try {
        p.outputShape = Interpolate.outputShape(call.shape(), call.dtype(), options);
      } catch (InterpolateException e) {
        throw Ops.callError(where, e, x, size, scale, Ops.modeText(options.compat(), options.filter()));
      }
      p.outputElements = (int) RowCodec.numel(p.outputShape, where);
      if (p.outputElements > RowCodec.maxRowElements(call.dtype())) { // a .npy row of another dtype
        throw Errors.badRow(where, "the result of shape " + java.util.Arrays.toString(p.outputShape)
            + " has more " + call.dtype() + " elements than one Spark row holds ("
            + RowCodec.maxRowElements(call.dtype()) + "); resample to a smaller size");
      }
      p.call = call;
      p.sample = call != x;
      p.carry = format.carry(row, t);
    } catch (ResampleSqlException e) {
      reject(p, e);
    }
    return p;
  }

  private void reject(Pending p, ResampleSqlException e) {
    if (onError == OnError.FAIL) {
      throw Errors.withHint(e, "; set onError to 'null' or 'quarantine' to keep such rows");
    }
    metrics.rowsFailed().add(1);
    p.values[layout.resultOrdinal] = null;
    if (onError == OnError.QUARANTINE) {
      int at = layout.errorOrdinal;
      if (!(layout.errorColumnIsInput && p.values[at] != null)) {
        p.values[at] = UTF8String.fromString(e.getMessage());
      }
    }
  }

  /** "Resampler(column)" or "Resampler(column) row key=value": the prefix of row errors. */
  private String where(InternalRow row) {
    String w = "Resampler(" + column + ")";
    int k = layout.keyOrdinal;
    if (k >= 0) {
      Object key = row.isNullAt(k) ? null : row.get(k, layout.inputTypes[k]);
      w += " row " + layout.keyName + "=" + Errors.keyText(key, layout.inputTypes[k]);
    }
    return w;
  }

  private Backend openBackend() {
    if (options.compat() != org.resample.core.compat.Compat.PYTORCH) {
      return CpuBackend.INSTANCE; // the compat profiles run on the CPU only
    }
    Backend b;
    try {
      b = Backends.open(backendChoice, backendConf, SparkTaskResources.current());
    } catch (IllegalStateException e) {
      throw Errors.badOption("Resampler(" + column + ")", e.getMessage(), e);
    }
    return b == CpuBackend.INSTANCE ? b : opened(b);
  }

  /**
   * An accelerator backend just opened: closed when the task ends however it ends (failure, a
   * consumer that stops early), not only when the partition is used up.
   */
  private Backend opened(Backend b) {
    TaskContext tc = TaskContext.get();
    if (tc != null) {
      tc.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) ctx -> b.close());
    }
    LOG.info("Resampler({}): backend {}", column, b.name());
    return b;
  }
}

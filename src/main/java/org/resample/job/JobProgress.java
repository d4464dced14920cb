package org.resample.job;

import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.Success$;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress while the job writes: a log line every {@code interval} seconds with the rows written so
 * far and the tasks of the running stages, next to Spark's console progress bar. Rows are counted
 * from the output metrics of finished tasks (Spark reports them when a task ends).
 */
final class JobProgress implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ResampleJob.class);

  private final SparkContext sc;
  private final Listener listener = new Listener();
  private final ScheduledExecutorService timer;
  private final long startNanos = System.nanoTime();

  /** Counts of every stage submitted while the job writes (tasks done and tasks submitted agree). */
  private static final class Listener extends SparkListener {
    final AtomicLong rows = new AtomicLong();
    final AtomicLong tasksSubmitted = new AtomicLong();
    final AtomicLong tasksDone = new AtomicLong();
    final AtomicLong failedTasks = new AtomicLong();
    final AtomicLong firstRowNanos = new AtomicLong(-1);

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
      tasksSubmitted.addAndGet(submitted.stageInfo().numTasks());
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
      if (end.reason() == Success$.MODULE$) {
        tasksDone.incrementAndGet();
        long written = end.taskMetrics() == null ? 0 : end.taskMetrics().outputMetrics().recordsWritten();
        rows.addAndGet(written);
        if (written > 0) {
          firstRowNanos.compareAndSet(-1, System.nanoTime());
        }
      } else {
        failedTasks.incrementAndGet();
      }
    }
  }

  JobProgress(SparkContext sc, int intervalSeconds) {
    this.sc = sc;
    sc.addSparkListener(listener);
    if (intervalSeconds > 0) {
      timer =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "resample-progress");
                t.setDaemon(true);
                return t;
              });
      timer.scheduleAtFixedRate(this::log, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
    } else {
      timer = null;
    }
  }

  private void log() {
    double s = (System.nanoTime() - startNanos) / 1e9;
    long rows = listener.rows.get();
    int running = 0;
    for (int id : sc.statusTracker().getActiveStageIds()) {
      scala.Option<SparkStageInfo> st = sc.statusTracker().getStageInfo(id);
      if (st.isDefined()) {
        running += st.get().numActiveTasks();
      }
    }
    LOG.info(
        String.format(
            Locale.ROOT,
            "progress: %d rows written; tasks: %d of %d done, %d running%s; %.0f s (%.1f rows/s)",
            rows,
            listener.tasksDone.get(),
            listener.tasksSubmitted.get(),
            running,
            listener.failedTasks.get() > 0 ? ", " + listener.failedTasks.get() + " attempts failed (retried)" : "",
            s,
            s > 0 ? rows / s : 0.0));
  }

  /** {@link System#nanoTime} when the first task that wrote rows ended; -1 before. */
  long firstRowNanos() {
    return listener.firstRowNanos.get();
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
    sc.removeSparkListener(listener);
  }
}

package org.resample.job;

import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.scheduler.SparkListener;
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

  private static final class Listener extends SparkListener {
    final AtomicLong rows = new AtomicLong();
    final AtomicLong tasks = new AtomicLong();
    final AtomicLong failedTasks = new AtomicLong();

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
      if (end.reason() == Success$.MODULE$ && end.taskMetrics() != null) {
        rows.addAndGet(end.taskMetrics().outputMetrics().recordsWritten());
        tasks.incrementAndGet();
      } else if (end.reason() != Success$.MODULE$) {
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
    int done = 0;
    int total = 0;
    int running = 0;
    for (int id : sc.statusTracker().getActiveStageIds()) {
      scala.Option<SparkStageInfo> st = sc.statusTracker().getStageInfo(id);
      if (st.isDefined()) {
        done += st.get().numCompletedTasks();
        running += st.get().numActiveTasks();
        total += st.get().numTasks();
      }
    }
    LOG.info(
        String.format(
            Locale.ROOT,
            "progress: %d rows written by %d finished tasks%s; running stages: %d of %d tasks done, "
                + "%d running; %.0f s (%.1f rows/s)",
            rows,
            listener.tasks.get(),
            listener.failedTasks.get() > 0 ? " (" + listener.failedTasks.get() + " task attempts failed, retried)" : "",
            done,
            total,
            running,
            s,
            s > 0 ? rows / s : 0.0));
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
    sc.removeSparkListener(listener);
  }
}

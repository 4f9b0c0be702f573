package dev.chat.node.metrics;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;

/**
 * A percentile of the send latency over the last few seconds, for the operations view. The
 * Prometheus histogram counts since the start; this keeps a few of its snapshots and reads the
 * percentile from the difference between the newest and the oldest within the window, so the
 * figure follows what the node does now. Its precision is the histogram's bucket (about 10 %):
 * the value is the upper bound of the bucket the percentile falls in.
 */
public final class LatencyWindow {

    private record Taken(long at, long total, double[] counts) {
    }

    private final long windowMillis;
    private final Deque<Taken> taken = new ArrayDeque<>();

    public LatencyWindow(long windowMillis) {
        this.windowMillis = windowMillis;
    }

    /**
     * Adds a snapshot taken at {@code now} and answers the percentile ({@code 0 < q < 1}) of what
     * was recorded since the oldest snapshot within the window.
     *
     * @return milliseconds, or null when nothing was recorded in the window
     */
    public synchronized Double percentileMillis(long now, HistogramSnapshot snapshot, double q) {
        CountAtBucket[] buckets = snapshot.histogramCounts();
        double[] bounds = new double[buckets.length];
        double[] counts = new double[buckets.length];
        for (int i = 0; i < buckets.length; i++) {
            bounds[i] = buckets[i].bucket(TimeUnit.MILLISECONDS);
            counts[i] = buckets[i].count();
        }
        Taken newest = new Taken(now, snapshot.count(), counts);
        taken.addLast(newest);
        while (taken.size() > 1 && taken.peekFirst().at() < now - windowMillis) {
            taken.removeFirst();
        }
        Taken oldest = taken.peekFirst();
        if (oldest == newest || oldest.counts().length != counts.length) {
            return null;
        }
        // bucket counts are cumulative (Prometheus' histogram): each holds everything up to its bound
        double total = newest.total() - oldest.total();
        if (total <= 0) {
            return null;
        }
        double wanted = Math.ceil(q * total);
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] - oldest.counts()[i] >= wanted) {
                return bounds[i];
            }
        }
        return bounds.length == 0 ? null : bounds[bounds.length - 1];
    }
}

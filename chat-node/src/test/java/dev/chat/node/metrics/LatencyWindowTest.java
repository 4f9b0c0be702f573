package dev.chat.node.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;

class LatencyWindowTest {

    private final Timer timer = Timer.builder("t").publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofNanos(100_000)).maximumExpectedValue(Duration.ofSeconds(10))
            .register(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    private final LatencyWindow window = new LatencyWindow(10_000);

    private void record(int times, long millis) {
        for (int i = 0; i < times; i++) {
            timer.record(millis, TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void thePercentileIsOfWhatHappenedInTheWindowOnly() {
        record(1000, 500); // before the window: slow
        assertNull(window.percentileMillis(0, timer.takeSnapshot(), 0.99), "one snapshot: nothing to compare yet");
        record(99, 2);
        record(1, 40);
        Double p99 = window.percentileMillis(2_000, timer.takeSnapshot(), 0.99);
        // the bucket holding 2 ms: its upper bound, within the histogram's ~10 % steps
        assertTrue(p99 >= 2 && p99 < 2.5, "p99 " + p99);
        Double p100 = window.percentileMillis(4_000, timer.takeSnapshot(), 1.0);
        assertTrue(p100 >= 40 && p100 < 50, "max " + p100);
    }

    @Test
    void oldSnapshotsLeaveTheWindow() {
        window.percentileMillis(0, timer.takeSnapshot(), 0.99);
        record(100, 300);
        window.percentileMillis(5_000, timer.takeSnapshot(), 0.99);
        record(100, 1);
        // at 12 s the snapshot of 0 s is out: only what came after 5 s counts
        Double p99 = window.percentileMillis(12_000, timer.takeSnapshot(), 0.99);
        assertTrue(p99 >= 1 && p99 < 1.2, "p99 " + p99);
        assertNull(window.percentileMillis(30_000, timer.takeSnapshot(), 0.99), "a quiet window has no percentile");
    }

    @Test
    void aValueOverTheLargestBucketReadsAsTheLargestBound() {
        window.percentileMillis(0, timer.takeSnapshot(), 0.99);
        record(10, 60_000);
        assertEquals(10_000, window.percentileMillis(1_000, timer.takeSnapshot(), 0.99), 1);
    }
}

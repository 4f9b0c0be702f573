package dev.chat.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void travelsCompressedAndReadsInMilliseconds() {
        Histogram h = Percentiles.micros();
        for (int i = 1; i <= 1000; i++) {
            Percentiles.record(h, i * 100L); // 0.1 ms .. 100 ms
        }
        Histogram back = Percentiles.decode(Percentiles.encode(h));
        assertEquals(1000, back.getTotalCount());
        Map<String, Object> ms = Percentiles.millis(back);
        assertEquals(50.0, (double) ms.get("p50"), 0.1);
        assertEquals(99.0, (double) ms.get("p99"), 0.1);
        assertEquals(100.0, (double) ms.get("max"), 0.1);
    }

    @Test
    void negativeOrHugeValuesAreClampedNotThrown() {
        Histogram h = Percentiles.micros();
        Percentiles.record(h, -5);
        Percentiles.record(h, Long.MAX_VALUE);
        assertEquals(2, h.getTotalCount());
    }

    @Test
    void anEmptyHistogramHasOnlyItsCount() {
        assertEquals(Map.of("count", 0L), Percentiles.millis(Percentiles.micros()));
    }
}

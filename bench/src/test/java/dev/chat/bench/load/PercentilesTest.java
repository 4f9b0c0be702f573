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
    void aStallCountsEveryTickItHeldUpNotOnlyTheOneThatRan() {
        // 1 s of ticks every 2 ms: 400 on time, then one that came 200 ms late
        Histogram h = Percentiles.micros();
        for (int i = 0; i < 400; i++) {
            Percentiles.recordLate(h, 0, 2_000);
        }
        Percentiles.recordLate(h, 200_000, 2_000);
        // the 100 ticks due during the stall were late by 200, 198, ... 2 ms: a fifth of all ticks
        assertEquals(500, h.getTotalCount());
        assertEquals(100.0, (double) Percentiles.millis(h).get("p90"), 1.0);
        assertEquals(190.0, (double) Percentiles.millis(h).get("p99"), 1.0);
    }

    @Test
    void anEmptyHistogramHasOnlyItsCount() {
        assertEquals(Map.of("count", 0L), Percentiles.millis(Percentiles.micros()));
    }
}

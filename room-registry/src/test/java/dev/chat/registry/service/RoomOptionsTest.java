package dev.chat.registry.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Configured durations become sorted, distinct whole seconds, or the registry refuses to start. */
class RoomOptionsTest {

    @Test
    void convertsSortsAndDeduplicates() {
        RoomOptions options = RoomOptions.of(List.of(Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofSeconds(60)),
                List.of(Duration.ofMinutes(10), Duration.ofMinutes(2)));
        assertEquals(List.of(60L, 300L), options.clearIntervals());
        assertEquals(List.of(120L, 600L), options.expiries());
    }

    @Test
    void refusesWhatIsNotAPositiveWholeNumberOfSeconds() {
        assertThrows(IllegalArgumentException.class, () -> RoomOptions.of(List.of(Duration.ofMillis(1500)), List.of(Duration.ofMinutes(1))));
        assertThrows(IllegalArgumentException.class, () -> RoomOptions.of(List.of(Duration.ZERO), List.of(Duration.ofMinutes(1))));
        assertThrows(IllegalArgumentException.class, () -> RoomOptions.of(List.of(Duration.ofMinutes(1)), List.of()));
    }
}

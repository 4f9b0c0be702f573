package dev.chat.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ClearScheduleTest {

    private final ClearSchedule schedule = new ClearSchedule(1_000, 300);

    @Test
    void nextBoundaryIsCountedFromCreation() {
        assertEquals(1_300, schedule.nextClearAt(1_000));
        assertEquals(1_300, schedule.nextClearAt(1_299));
        assertEquals(1_600, schedule.nextClearAt(1_300));
        assertEquals(4_000, schedule.nextClearAt(3_950));
    }

    @Test
    void beforeCreationTheFirstBoundaryIsNext() {
        assertEquals(1_300, schedule.nextClearAt(10));
    }

    @Test
    void intervalMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new ClearSchedule(0, 0));
    }
}

package dev.chat.node.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ByteBudgetTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aSecondsWorthMayGoAtOnceAndWhatWentPastItIsPaidBackBeforeTheNext() {
        ByteBudget budget = new ByteBudget(1_000, 0);
        assertEquals(0, budget.nanosUntilAvailable(0));
        budget.spend(3_000, 0); // one frame to many members: charged in full, 2 000 B of debt
        assertEquals(2_001_000_000L, budget.nanosUntilAvailable(0), 1_000_000);
        assertEquals(1_001_000_000L, budget.nanosUntilAvailable(SECOND), 1_000_000);
        assertEquals(0, budget.nanosUntilAvailable(3 * SECOND));
    }

    @Test
    void quietTimeDoesNotSaveUpMoreThanOneSecond() {
        ByteBudget budget = new ByteBudget(1_000, 0);
        budget.spend(1_500, 100 * SECOND);
        assertEquals(501_000_000L, budget.nanosUntilAvailable(100 * SECOND), 1_000_000);
    }

    @Test
    void refusesANonPositiveRate() {
        assertThrows(IllegalArgumentException.class, () -> new ByteBudget(0, 0));
    }
}

package dev.chat.node.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class HistoryBudgetTest {

    @Test
    void keepsTheNewestFramesThatFitAndSaysOlderOnesWereLeftOut() {
        HistoryBudget budget = new HistoryBudget(10, 100);
        HistoryBudget.Fitted fitted = budget.fit(List.of("aaaa", "bbbb", "cccc"));
        // each frame costs its length plus a comma: two fit in 10
        assertEquals(List.of("bbbb", "cccc"), fitted.frames());
        assertTrue(fitted.trimmed());
    }

    @Test
    void aHistoryWithinTheBudgetIsUntouched() {
        HistoryBudget.Fitted fitted = new HistoryBudget(15, 100).fit(List.of("aaaa", "bbbb", "cccc"));
        assertEquals(List.of("aaaa", "bbbb", "cccc"), fitted.frames());
        assertFalse(fitted.trimmed());
        assertFalse(new HistoryBudget(1, 100).fit(List.of()).trimmed());
    }

    @Test
    void aSingleFrameOverTheBudgetLeavesAnEmptyTrimmedHistory() {
        HistoryBudget.Fitted fitted = new HistoryBudget(3, 100).fit(List.of("aaaa"));
        assertEquals(List.of(), fitted.frames());
        assertTrue(fitted.trimmed());
    }

    @Test
    void theBudgetMustStayUnderTheOutboundBound() {
        assertThrows(IllegalArgumentException.class, () -> new HistoryBudget(100, 100));
        assertThrows(IllegalArgumentException.class, () -> new HistoryBudget(0, 100));
    }
}

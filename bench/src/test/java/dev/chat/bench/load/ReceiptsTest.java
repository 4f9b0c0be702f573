package dev.chat.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ReceiptsTest {

    @Test
    void countsNewDuplicateAndOutOfOrderPerSender() {
        Receipts r = new Receipts(2);
        assertEquals(Receipts.Outcome.NEW, r.record(0, 0, false));
        assertEquals(Receipts.Outcome.NEW, r.record(0, 2, false));
        assertEquals(Receipts.Outcome.NEW_OUT_OF_ORDER, r.record(0, 1, false));
        assertEquals(Receipts.Outcome.DUPLICATE, r.record(0, 2, false));
        assertEquals(Receipts.Outcome.NEW, r.record(1, 0, false), "senders are counted apart");
        assertEquals(3, r.count(0));
        assertEquals(1, r.count(1));
    }

    @Test
    void aReplayedMessageAlreadyHeldIsNoDuplicate() {
        Receipts r = new Receipts(1);
        r.record(0, 5, false);
        assertEquals(Receipts.Outcome.SEEN_IN_REPLAY, r.record(0, 5, true));
        assertEquals(Receipts.Outcome.NEW, r.record(0, 6, true));
        assertEquals(2, r.count(0));
    }

    @Test
    void refusesASlotOutsideTheRoom() {
        Receipts r = new Receipts(1);
        assertThrows(IllegalArgumentException.class, () -> r.record(1, 0, false));
        assertThrows(IllegalArgumentException.class, () -> r.record(0, -1, false));
    }
}

package dev.chat.node.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FrameBacklogTest {

    @Test
    void countsFramesUpToTheBoundAndFreesThemWhenHandled() {
        FrameBacklog backlog = new FrameBacklog(2);
        assertTrue(backlog.tryAdd());
        assertTrue(backlog.tryAdd());
        assertFalse(backlog.tryAdd(), "a third waiting frame is over the bound");
        assertEquals(2, backlog.waiting(), "a refused frame is not counted");
        backlog.done();
        assertTrue(backlog.tryAdd());
        assertEquals(2, backlog.waiting());
    }

    @Test
    void aStoppedBacklogSaysSoForTheFramesStillWaiting() {
        FrameBacklog backlog = new FrameBacklog(2);
        backlog.tryAdd();
        assertFalse(backlog.stopped());
        backlog.stop();
        assertTrue(backlog.stopped());
    }

    @Test
    void aBoundBelowOneIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> new FrameBacklog(0));
    }
}

package dev.chat.node.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.Test;

class JoinGateTest {

    /** Runs what it is given when told to, so a test sees on which executor a turn resumes. */
    private static final class Held implements Executor {
        final List<Runnable> tasks = new ArrayList<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            List<Runnable> now = List.copyOf(tasks);
            tasks.clear();
            now.forEach(Runnable::run);
        }
    }

    private static boolean done(CompletionStage<Void> turn) {
        return turn.toCompletableFuture().isDone();
    }

    @Test
    void admitsUpToTheBoundAtOnceAndLinesUpTheRestInArrivalOrder() {
        JoinGate gate = new JoinGate(2, 10, 500);
        Held loop = new Held();
        assertTrue(done(gate.enter(loop)));
        assertTrue(done(gate.enter(loop)));
        CompletionStage<Void> third = gate.enter(loop);
        CompletionStage<Void> fourth = gate.enter(loop);
        assertFalse(done(third));
        assertFalse(done(fourth));
        assertEquals(2, gate.inProgress());
        assertEquals(2, gate.queued());

        gate.exit();
        assertFalse(done(third), "the turn resumes on the joiner's executor, not the exiting thread");
        loop.runAll();
        assertTrue(done(third));
        assertFalse(done(fourth), "first come, first served");
        assertEquals(2, gate.inProgress(), "the place passed on");
        assertEquals(1, gate.queued());

        gate.exit();
        loop.runAll();
        assertTrue(done(fourth));
        gate.exit(); // the last two of the four turns given
        gate.exit();
        assertEquals(0, gate.inProgress());
        assertTrue(done(gate.enter(loop)), "a free place again");
    }

    @Test
    void refusesOnlyWhenTheLineIsFullToo() {
        JoinGate gate = new JoinGate(1, 2, 500);
        Held loop = new Held();
        assertTrue(done(gate.enter(loop)));
        assertNotNull(gate.enter(loop));
        assertNotNull(gate.enter(loop));
        assertNull(gate.enter(loop), "one in progress and two waiting: busy");
        gate.exit();
        loop.runAll();
        assertNotNull(gate.enter(loop), "room in the line again");
    }

    @Test
    void theWaitIsSpreadBetweenOnceAndTwiceTheSetting() {
        JoinGate gate = new JoinGate(1, 0, 500);
        long min = Long.MAX_VALUE, max = 0;
        for (int i = 0; i < 2_000; i++) {
            long wait = gate.retryAfterMillis();
            min = Math.min(min, wait);
            max = Math.max(max, wait);
        }
        assertTrue(min >= 500 && max <= 1000, min + ".." + max);
        assertTrue(max - min > 250, "jitter spreads the refused: " + min + ".." + max);
    }

    @Test
    void noPlacesAndNoLineRefusesEveryJoin() {
        assertNull(new JoinGate(0, 0, 1).enter(Runnable::run));
    }
}

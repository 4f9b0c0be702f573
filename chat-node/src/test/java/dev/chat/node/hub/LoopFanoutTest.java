package dev.chat.node.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.Test;

import dev.chat.node.identity.User;

/** A message reaches each event loop once, and each loop writes and flushes its own members. */
class LoopFanoutTest {

    /** An event loop the test turns by hand: tasks wait until {@link #runAll}. */
    private static final class ManualLoop implements Executor {
        final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
        int executed;

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            while (!tasks.isEmpty()) {
                executed++;
                tasks.poll().run();
            }
        }
    }

    private static final class Member implements Outbound {
        final Executor loop;
        final List<String> frames = new ArrayList<>();
        final List<byte[]> shared = new ArrayList<>();
        int flushes;

        Member(Executor loop) {
            this.loop = loop;
        }

        @Override
        public void send(String frame) {
            frames.add(frame);
        }

        @Override
        public void send(Utf8Frame frame) {
            shared.add(frame.bytes());
            frames.add(frame.text());
        }

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public void close(int code, String reason) {
            frames.add("close " + code);
        }

        @Override
        public Executor loop() {
            return loop;
        }
    }

    private final Hub hub = new Hub();

    private Member join(ManualLoop loop, String user) {
        Member out = new Member(loop);
        ClientSession session = new ClientSession(new User(user, user), out);
        hub.beginJoin(session, "r");
        hub.completeJoin(session, "r", "joined", 0);
        loop.runAll();
        out.frames.clear();
        out.flushes = 0;
        return out;
    }

    @Test
    void oneTaskPerLoopPerBatchTheSameBytesForEveryMemberOneFlushEach() {
        ManualLoop one = new ManualLoop();
        ManualLoop two = new ManualLoop();
        List<Member> onOne = List.of(join(one, "a"), join(one, "b"), join(one, "c"));
        List<Member> onTwo = List.of(join(two, "d"), join(two, "e"));
        one.executed = 0;
        two.executed = 0;

        hub.deliver("r", 1, "m1");
        hub.deliver("r", 2, "m2");
        hub.deliver("r", 3, "m3");
        one.runAll();
        two.runAll();

        // three messages queued while the loops were busy: one run each, not one per message or member
        assertEquals(1, one.executed);
        assertEquals(1, two.executed);
        List<Member> all = new ArrayList<>(onOne);
        all.addAll(onTwo);
        for (Member member : all) {
            assertEquals(List.of("m1", "m2", "m3"), member.frames);
            assertEquals(1, member.flushes, "one flush for the whole run");
            // encoded once per node: every member writes the very same array
            assertSame(all.get(0).shared.get(2), member.shared.get(2));
        }
    }

    @Test
    void aMemberThatLeftBeforeItsLoopRanStillGetsWhatWasDeliveredBeforeTheLeaveAndNothingAfter() {
        ManualLoop loop = new ManualLoop();
        Member stays = join(loop, "a");
        Member out = new Member(loop);
        ClientSession leaving = new ClientSession(new User("b", "b"), out);
        hub.beginJoin(leaving, "r");
        hub.completeJoin(leaving, "r", "joined", 0);
        hub.deliver("r", 1, "m1");
        hub.leave(leaving, "r");
        hub.deliver("r", 2, "m2");
        loop.runAll();
        assertEquals(List.of("joined", "m1"), out.frames);
        assertEquals(List.of("m1", "m2"), stays.frames);
    }
}

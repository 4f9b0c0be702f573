package dev.chat.node.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.chat.node.identity.User;

class HubTest {

    private final Hub hub = new Hub();

    private static final class Recorder implements Outbound {
        final List<String> frames = new ArrayList<>();

        @Override
        public void send(String frame) {
            frames.add(frame);
        }

        @Override
        public void close(int code, String reason) {
            frames.add("close " + code);
        }
    }

    private ClientSession joined(String room, String userId, long snapshot, Recorder out) {
        ClientSession s = new ClientSession(new User(userId, "N " + userId), out);
        hub.beginJoin(s, room);
        hub.completeJoin(s, room, "joined", snapshot);
        return s;
    }

    @Test
    void deliversEachMessageOnceToEveryMemberInOrder() {
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        joined("r", "u1", 0, a);
        joined("r", "u2", 0, b);
        hub.deliver("r", 1, "m1");
        hub.deliver("r", 2, "m2");
        hub.deliver("r", 2, "m2");
        hub.deliver("r", 1, "m1");
        assertEquals(List.of("joined", "m1", "m2"), a.frames);
        assertEquals(List.of("joined", "m1", "m2"), b.frames);
    }

    @Test
    void otherRoomsDoNotSeeTheMessage() {
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        joined("r", "u1", 0, a);
        joined("s", "u2", 0, b);
        hub.deliver("r", 1, "m1");
        assertEquals(List.of("joined", "m1"), a.frames);
        assertEquals(List.of("joined"), b.frames);
    }

    @Test
    void aJoiningSessionGetsWhatArrivedDuringItsHistoryReadButNothingTwice() {
        Recorder old = new Recorder();
        joined("r", "u1", 4, old);
        Recorder out = new Recorder();
        ClientSession s = new ClientSession(new User("u2", "B"), out);
        hub.beginJoin(s, "r");
        hub.deliver("r", 5, "m5");
        hub.deliver("r", 6, "m6");
        assertEquals(List.of(), out.frames, "nothing before joined");
        hub.completeJoin(s, "r", "joined", 5); // its history already holds m5
        hub.deliver("r", 7, "m7");
        assertEquals(List.of("joined", "m6", "m7"), out.frames);
        assertEquals(List.of("joined", "m5", "m6", "m7"), old.frames);
    }

    @Test
    void aMessageInsideTheSnapshotOfAJoinThatCompletedFirstStillReachesOneJoiningWithAnOlderSnapshot() {
        // two pages join a room new to this node at once; the message is sent between their
        // history reads and reaches the node after the first join completed
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        ClientSession a = new ClientSession(new User("u1", "A"), first);
        ClientSession b = new ClientSession(new User("u2", "B"), second);
        hub.beginJoin(a, "r");
        hub.beginJoin(b, "r");
        hub.completeJoin(a, "r", "joined", 9); // its history holds m9
        hub.deliver("r", 9, "m9");
        hub.completeJoin(b, "r", "joined", 8); // its history ends before m9
        hub.deliver("r", 10, "m10");
        assertEquals(List.of("joined", "m10"), first.frames);
        assertEquals(List.of("joined", "m9", "m10"), second.frames);
    }

    @Test
    void aSkippedIdHoldsDeliveriesUntilTheGapIsFilled() {
        Recorder a = new Recorder();
        joined("r", "u1", 3, a);
        assertNull(hub.deliver("r", 4, "m4"));
        Gap gap = hub.deliver("r", 7, "m7");
        assertEquals(new Gap("r", 4, 7), gap);
        assertNull(hub.deliver("r", 8, "m8"), "one fill at a time");
        assertEquals(List.of("joined", "m4"), a.frames);
        hub.fill("r", List.of(new Delivery(5, "m5"), new Delivery(6, "m6")));
        assertEquals(List.of("joined", "m4", "m5", "m6", "m7", "m8"), a.frames);
        hub.deliver("r", 9, "m9");
        assertEquals("m9", a.frames.get(a.frames.size() - 1));
    }

    @Test
    void aGapHistoryCannotFillIsSkippedRatherThanWaitedForForever() {
        Recorder a = new Recorder();
        joined("r", "u1", 1, a);
        hub.deliver("r", 5, "m5");
        hub.fill("r", List.of());
        hub.deliver("r", 6, "m6");
        assertEquals(List.of("joined", "m5", "m6"), a.frames);
    }

    @Test
    void catchUpAfterReconnectDeliversMissedMessagesOnce() {
        Recorder a = new Recorder();
        joined("r", "u1", 2, a);
        Gap gap = hub.beginCatchUp("r");
        assertEquals(new Gap("r", 2, Long.MAX_VALUE), gap);
        hub.deliver("r", 5, "m5");
        hub.fill("r", List.of(new Delivery(3, "m3"), new Delivery(4, "m4"), new Delivery(5, "m5")));
        assertEquals(List.of("joined", "m3", "m4", "m5"), a.frames);
    }

    @Test
    void roomIsKeptWhileAnyMemberRemainsAndUserCountsAreDistinct() {
        Recorder a = new Recorder();
        ClientSession tab1 = joined("r", "u1", 0, a);
        ClientSession tab2 = joined("r", "u1", 0, new Recorder());
        ClientSession other = joined("r", "u2", 0, new Recorder());
        assertEquals(2, hub.userIds("r").size());
        assertFalse(hub.leave(tab1, "r"), "u1 still has a tab in the room");
        assertTrue(hub.leave(tab2, "r"));
        assertTrue(hub.hasMembers("r"));
        assertTrue(hub.leave(other, "r"));
        assertFalse(hub.hasMembers("r"));
        assertNull(tab1.room());
    }

    @Test
    void aSessionThatLeftBeforeItsJoinCompletedGetsNothing() {
        Recorder out = new Recorder();
        ClientSession s = new ClientSession(new User("u1", "A"), out);
        hub.beginJoin(s, "r");
        hub.leave(s, "r");
        hub.completeJoin(s, "r", "joined", 0);
        assertEquals(List.of(), out.frames);
    }

    @Test
    void presenceIsBroadcastOnlyWhenTheCountChanges() {
        Recorder a = new Recorder();
        joined("r", "u1", 0, a);
        assertTrue(hub.usersChanged("r", 1));
        assertFalse(hub.usersChanged("r", 1));
        assertTrue(hub.usersChanged("r", 2));
        hub.broadcast("r", "p");
        assertEquals(List.of("joined", "p"), a.frames);
    }

    @Test
    void theAnswerToAResendNeverGetsAheadOfTheStream() {
        Recorder out = new Recorder();
        ClientSession s = joined("r", "u1", 3, out);
        hub.echo(s, "r", 2, "m2");
        assertEquals(List.of("joined", "m2"), out.frames, "already had it: answered at once");
        hub.echo(s, "r", 5, "m5");
        assertEquals(List.of("joined", "m2"), out.frames, "not delivered yet: owed");
        hub.deliver("r", 4, "m4");
        hub.deliver("r", 5, "m5");
        assertEquals(List.of("joined", "m2", "m4", "m5", "m5"), out.frames, "the echo follows its message");
    }
}

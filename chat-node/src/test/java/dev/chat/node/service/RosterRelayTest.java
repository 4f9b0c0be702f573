package dev.chat.node.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;

import dev.chat.contract.Envelope;
import dev.chat.node.hub.ClientSession;
import dev.chat.node.hub.Hub;
import dev.chat.node.hub.Outbound;
import dev.chat.node.identity.User;
import dev.chat.node.limits.ByteBudget;
import dev.chat.node.protocol.RosterFrames.Change;

/** The plain parts of the roster and typing relays: the envelope's lines and the typing throttle. */
class RosterRelayTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void closeVertx() {
        vertx.close();
    }

    /** Ten members of room r on one hub; returns the roster frames the first of them receives. */
    private List<String> roomOfTen(Hub hub) {
        List<String> frames = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 10; i++) {
            List<String> to = i == 0 ? frames : new ArrayList<>();
            ClientSession member = new ClientSession(new User("u-" + i, "N" + i), new Outbound() {
                @Override
                public void send(String frame) {
                    if (frame.contains("\"roster\"")) {
                        to.add(frame);
                    }
                }

                @Override
                public void close(int code, String reason) {
                }
            });
            hub.beginJoin(member, "r");
            hub.completeJoin(member, "r", "joined", 0);
        }
        return frames;
    }

    private static Envelope change(int version, String userId) {
        return Envelope.parse("R " + version + " node-2\n+" + userId + "\tSomeone");
    }

    @Test
    void changesWaitWhileTheBudgetIsSpentAndGoOutTogetherAfterwards() {
        Hub hub = new Hub();
        List<String> frames = roomOfTen(hub);
        // 400 B/s: the first frame to ten members (~83 B each) goes out and leaves the budget
        // about a second short
        RosterRelay relay = new RosterRelay(vertx, hub, null, 100, 10, new ByteBudget(400, System.nanoTime()), room -> 10, 1000);
        relay.onChanges("r", change(1, "a"));
        await().atMost(Duration.ofSeconds(5)).until(() -> frames.size() == 1);
        relay.onChanges("r", change(2, "b"));
        relay.onChanges("r", change(3, "c"));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> frames.size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> frames.size() == 2);
        assertTrue(frames.get(1).contains("\"b\"") && frames.get(1).contains("\"c\""),
                "what waited goes out as one frame: " + frames.get(1));
    }

    @Test
    void withinTheBudgetEveryFlushGoesOut() {
        Hub hub = new Hub();
        List<String> frames = roomOfTen(hub);
        RosterRelay relay = new RosterRelay(vertx, hub, null, 100, 10, new ByteBudget(1_000_000, System.nanoTime()), room -> 10, 1000);
        for (int i = 1; i <= 3; i++) {
            relay.onChanges("r", change(i, "u" + i));
            int expected = i;
            await().atMost(Duration.ofSeconds(5)).until(() -> frames.size() == expected);
        }
    }

    @Test
    void readsTheLinesOfARosterEnvelopeAndSkipsWhatIsNotOne() {
        Envelope envelope = Envelope.parse("R 42 node-1\n+u-1\tQuiet Otter\n-u-2\n\nbogus\n+u-3\n+u-4\tNight\tOwl");
        assertEquals(List.of(new Change("u-1", "Quiet Otter", 42), new Change("u-2", null, 42),
                new Change("u-4", "Night\tOwl", 42)), RosterRelay.changesOf(envelope));
    }

    @Test
    void typingIsRelayedOncePerIntervalPerUserAndRoom() {
        TypingRelay relay = new TypingRelay(null, "n", room -> 0, 50, 2_000_000_000L);
        assertTrue(relay.allow("r\nu-1", 0));
        assertFalse(relay.allow("r\nu-1", 1_999_999_999L));
        assertTrue(relay.allow("r\nu-2", 1), "another user");
        assertTrue(relay.allow("s\nu-1", 1), "another room");
        assertTrue(relay.allow("r\nu-1", 2_000_000_000L));
    }
}

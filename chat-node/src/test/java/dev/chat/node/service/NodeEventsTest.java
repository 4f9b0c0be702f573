package dev.chat.node.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.chat.contract.Envelope;
import dev.chat.contract.GeneralRoom;
import dev.chat.contract.MessageFrames;

/**
 * What the broker brings to a node, through the node's contracts in memory (no Quarkus, no
 * Redis): messages in id order with gaps filled from the log, rooms that expire, and the drain.
 */
class NodeEventsTest {

    private final TestNode.Cluster cluster = new TestNode.Cluster();

    @AfterEach
    void close() {
        cluster.close();
    }

    private static String frame(String text) {
        return MessageFrames.message(GeneralRoom.ID, MessageFrames.userJson("u-x", "X"), text, 1, null, List.of())
                .withId(0).replace("\"id\":\"0\"", "\"id\":\"#ID#\"");
    }

    @Test
    void aMessageWhoseIdJumpsWaitsUntilTheMissedOnesAreReadFromTheLog() {
        TestNode node = cluster.node("node-a");
        TestClient client = node.connect("10.0.0.1").join(GeneralRoom.ID);
        long missed = cluster.log.appendUnpublished(GeneralRoom.ID, frame("missed"));
        long next = cluster.log.appendUnpublished(GeneralRoom.ID, frame("next"));
        String nextFrame = cluster.log.history(GeneralRoom.ID).get(1).frame();
        node.chat.events().onEnvelope(GeneralRoom.ID, new Envelope(Envelope.MESSAGE, next, "node-b", nextFrame));
        assertEquals(List.of(1L, 2L), List.of(missed, next));
        assertEquals(List.of("missed", "next"), client.messageTexts());
        node.chat.events().onEnvelope(GeneralRoom.ID, new Envelope(Envelope.MESSAGE, next, "node-b", nextFrame));
        assertEquals(List.of("missed", "next"), client.messageTexts(), "a message already delivered is not again");
    }

    @Test
    void aGapWhoseHistoryReadFailsIsReadAgainAndNothingIsSkipped() {
        TestNode node = cluster.node("node-a");
        TestClient client = node.connect("10.0.0.1").join(GeneralRoom.ID);
        cluster.log.appendUnpublished(GeneralRoom.ID, frame("missed"));
        long next = cluster.log.appendUnpublished(GeneralRoom.ID, frame("next"));
        String nextFrame = cluster.log.history(GeneralRoom.ID).get(1).frame();
        cluster.log.failRanges(2);
        node.chat.events().onEnvelope(GeneralRoom.ID, new Envelope(Envelope.MESSAGE, next, "node-b", nextFrame));
        await().atMost(Duration.ofSeconds(5)).until(() -> client.messageTexts().size() == 2);
        assertEquals(List.of("missed", "next"), client.messageTexts());
    }

    @Test
    void anExpiredEnvelopeEvictsTheRoomsMembersAndUnsubscribes() {
        TestNode node = cluster.node("node-a");
        cluster.rooms.create("study", 600L);
        TestClient member = node.connect("10.0.0.1").join("study");
        TestClient elsewhere = node.connect("10.0.0.2").join(GeneralRoom.ID);
        node.chat.events().onEnvelope("study", Envelope.expired("study", Envelope.REGISTRY));
        assertEquals("study", member.last("expired").path("room").asText());
        assertFalse(node.hub.hasMembers("study"));
        assertFalse(node.broker.subscribed("study"));
        assertEquals(null, member.session.room());
        assertTrue(elsewhere.of("expired").isEmpty());
        member.send("too late", null);
        assertEquals("not_in_room", member.last("error").path("code").asText());
    }

    @Test
    void theRoomWatchExpiresARoomWhoseKeysAreGone() {
        TestNode node = cluster.node("node-a", "chat.rooms.watch-interval=20ms");
        cluster.rooms.create("brief", 120L);
        TestClient member = node.connect("10.0.0.1").join("brief");
        cluster.rooms.remove("brief"); // Redis expired it
        await().atMost(Duration.ofSeconds(5)).until(() -> !member.of("expired").isEmpty());
        assertFalse(node.hub.hasMembers("brief"));
    }

    @Test
    void drainClosesEveryConnectionWith1012AndRefusesNewOnes() throws Exception {
        TestNode node = cluster.node("node-a");
        TestClient one = node.connect("10.0.0.1").join(GeneralRoom.ID);
        TestClient two = node.connect("10.0.0.2");
        Thread drainer = new Thread(() -> node.chat.gate().drain(Duration.ofSeconds(5)));
        drainer.start();
        drainer.join(Duration.ofSeconds(10).toMillis());
        assertFalse(drainer.isAlive(), "drain returns once the connections are gone");
        assertEquals(ConnectionGate.RESTART, one.closedWith);
        assertEquals(ConnectionGate.RESTART, two.closedWith);
        assertEquals(0, node.chat.gate().openConnections());
        assertFalse(node.hub.hasMembers(GeneralRoom.ID));
        TestClient late = node.connect("10.0.0.3");
        assertEquals(ConnectionGate.RESTART, late.closedWith);
        assertTrue(late.of("welcome").isEmpty());
    }

    @Test
    void theGateCountsConnectionsPerAddress() {
        TestNode node = cluster.node("node-a", "chat.limits.connections-per-address=1");
        TestClient first = node.connect("10.0.0.1");
        assertEquals(1, first.of("welcome").size());
        assertFalse(node.chat.gate().admits("10.0.0.1"));
        TestClient second = node.connect("10.0.0.1");
        assertEquals(1008, second.closedWith);
        node.chat.commands().close(first.session);
        assertTrue(node.chat.gate().admits("10.0.0.1"), "a closed connection frees its place");
    }
}

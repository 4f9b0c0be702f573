package dev.chat.node.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.contract.GeneralRoom;

/**
 * The commands of a connection, through the node's contracts in memory (no Quarkus, no Redis):
 * what a client is answered, what reaches the others, and what the node's parts are left with.
 */
class SessionCommandsTest {

    private final TestNode.Cluster cluster = new TestNode.Cluster();

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void joiningARoomThatDoesNotExistIsRefusedAndJoinsNothing() {
        TestNode node = cluster.node("node-a");
        TestClient client = node.connect("10.0.0.1").join("nowhere");
        assertEquals("no_such_room", client.last("error").path("code").asText());
        assertTrue(client.of("joined").isEmpty());
        assertFalse(node.hub.hasMembers("nowhere"));
        assertFalse(node.broker.subscribed("nowhere"));
    }

    @Test
    void joiningSubscribesMakesPresentAndAnswersWithTheHistory() {
        TestNode node = cluster.node("node-a");
        TestClient first = node.connect("10.0.0.1").join(GeneralRoom.ID).send("before", null);
        TestClient client = node.connect("10.0.0.2").join(GeneralRoom.ID);
        JsonNode joined = client.last("joined");
        assertEquals(GeneralRoom.ID, joined.path("room").asText());
        assertEquals("before", joined.path("history").get(0).path("text").asText());
        assertEquals(2, joined.path("users").asLong());
        assertTrue(node.broker.subscribed(GeneralRoom.ID));
        assertEquals(2, cluster.presence.people(GeneralRoom.ID).size());
        assertEquals(List.of("before"), first.messageTexts());
    }

    @Test
    void joinsOverTheRateAreRefusedWithWhenToRetry() {
        TestNode node = cluster.node("node-a", "chat.limits.join-burst=1", "chat.limits.join-per-second=0.01");
        TestClient client = node.connect("10.0.0.1").join(GeneralRoom.ID).join(GeneralRoom.ID);
        assertEquals(1, client.of("joined").size());
        JsonNode error = client.last("error");
        assertEquals("rate_limited", error.path("code").asText());
        assertTrue(error.path("retryAfterMs").asLong() > 0, error.toString());
    }

    @Test
    void joinsPastTheNodesLimitInProgressWaitInLineAndGoInArrivalOrder() {
        TestNode node = cluster.node("node-a", "chat.limits.max-joins-in-progress=1");
        TestClient first = node.connect("10.0.0.1");
        TestClient second = node.connect("10.0.0.2");
        TestClient third = node.connect("10.0.0.3");
        cluster.rooms.hold(); // the first join waits for its room
        var pending = node.chat.commands().onText(first.session, "{\"type\":\"join\",\"room\":\"general\"}");
        var waiting = node.chat.commands().onText(second.session, "{\"type\":\"join\",\"room\":\"general\"}");
        var last = node.chat.commands().onText(third.session, "{\"type\":\"join\",\"room\":\"general\"}");
        assertTrue(second.of("error").isEmpty(), "in line, not refused: " + second.frames);
        assertTrue(second.of("joined").isEmpty(), "its turn comes after the join in progress");
        cluster.rooms.release();
        pending.toCompletableFuture().join();
        waiting.toCompletableFuture().join();
        last.toCompletableFuture().join();
        for (TestClient client : List.of(first, second, third)) {
            assertEquals(1, client.of("joined").size(), client.frames.toString());
            assertTrue(client.of("error").isEmpty(), client.frames.toString());
        }
    }

    @Test
    void joinsPastTheNodesLimitInProgressAndInLineAreBusyAndTheOthersComplete() {
        TestNode node = cluster.node("node-a", "chat.limits.max-joins-in-progress=1", "chat.limits.max-joins-queued=0");
        TestClient first = node.connect("10.0.0.1");
        TestClient second = node.connect("10.0.0.2");
        cluster.rooms.hold(); // the first join waits for its room
        var pending = node.chat.commands().onText(first.session, "{\"type\":\"join\",\"room\":\"general\"}");
        second.join(GeneralRoom.ID);
        JsonNode busy = second.last("error");
        assertEquals("busy", busy.path("code").asText());
        assertTrue(busy.path("retryAfterMs").asLong() > 0);
        cluster.rooms.release();
        pending.toCompletableFuture().join();
        assertEquals(1, first.of("joined").size());
        second.join(GeneralRoom.ID);
        assertEquals(1, second.of("joined").size(), "busy is not held against the client");
    }

    @Test
    void sendingOutsideARoomIsRefused() {
        TestNode node = cluster.node("node-a");
        TestClient client = node.connect("10.0.0.1").send("hello", null);
        assertEquals("not_in_room", client.last("error").path("code").asText());
        assertTrue(cluster.log.history(GeneralRoom.ID).isEmpty());
    }

    @Test
    void anAcceptedMessageReachesEveryMemberOnEveryNodeOnceThroughTheBroker() {
        TestNode a = cluster.node("node-a");
        TestNode b = cluster.node("node-b");
        TestClient sender = a.connect("10.0.0.1").join(GeneralRoom.ID);
        TestClient neighbour = a.connect("10.0.0.2").join(GeneralRoom.ID);
        TestClient remote = b.connect("10.0.0.3").join(GeneralRoom.ID);
        sender.send("hello", "c-1");
        for (TestClient client : List.of(sender, neighbour, remote)) {
            assertEquals(List.of("hello"), client.messageTexts(), "exactly once: " + client.frames);
            assertEquals(1, client.last("message").path("id").asLong());
        }
        assertEquals(1, cluster.log.history(GeneralRoom.ID).size());
        // the sender's own copy came from the channel too: a node without the subscription gets nothing
        b.broker.stop();
        sender.send("second", "c-2");
        assertEquals(List.of("hello"), remote.messageTexts());
        assertEquals(List.of("hello", "second"), sender.messageTexts());
    }

    @Test
    void aResentMessageIsEchoedToItsSenderAndNotStoredOrDeliveredAgain() {
        TestNode node = cluster.node("node-a");
        TestClient sender = node.connect("10.0.0.1").join(GeneralRoom.ID);
        TestClient other = node.connect("10.0.0.2").join(GeneralRoom.ID);
        sender.send("once", "c-1").send("once", "c-1");
        List<JsonNode> mine = sender.of("message");
        assertEquals(2, mine.size(), "the original, then its echo: " + sender.frames);
        assertEquals(mine.get(0), mine.get(1));
        assertEquals("c-1", mine.get(1).path("clientId").asText());
        assertEquals(List.of("once"), other.messageTexts());
        assertEquals(1, cluster.log.history(GeneralRoom.ID).size());
        assertTrue(sender.of("error").isEmpty(), sender.frames.toString());
    }

    @Test
    void aRenameAnswersWithTheNewIdentityAndChangesTheRoster() {
        TestNode node = cluster.node("node-a");
        TestClient client = node.connect("10.0.0.1").join(GeneralRoom.ID);
        String userId = client.session.user().id();
        client.say("{\"type\":\"nick\",\"name\":\"Night Owl\"}");
        JsonNode identity = client.last("identity");
        assertEquals("Night Owl", identity.path("user").path("name").asText());
        assertEquals(userId, identity.path("user").path("id").asText());
        assertFalse(identity.path("token").asText().isEmpty());
        assertEquals("Night Owl", cluster.presence.people(GeneralRoom.ID).get(userId));
    }

    @Test
    void aClosedConnectionLeavesItsRoomAndTheOthersAreTold() {
        TestNode node = cluster.node("node-a");
        TestClient leaving = node.connect("10.0.0.1").join("general");
        TestClient staying = node.connect("10.0.0.2").join("general");
        String leaver = leaving.session.user().id();
        node.chat.commands().close(leaving.session).toCompletableFuture().join();
        assertFalse(cluster.presence.people(GeneralRoom.ID).containsKey(leaver));
        assertEquals(List.of(staying.session.user().id()), node.hub.userIds(GeneralRoom.ID));
        JsonNode notice = staying.last("notice");
        assertEquals("leave", notice.path("kind").asText());
        assertEquals(leaver, notice.path("user").path("id").asText());
        node.chat.commands().close(staying.session).toCompletableFuture().join();
        assertFalse(node.broker.subscribed(GeneralRoom.ID), "no members left: unsubscribed");
        assertEquals(0, node.chat.gate().openConnections());
    }

    @Test
    void aRoomOfMoreUsersThanTheNoticeLimitHearsOfNoJoins() {
        TestNode node = cluster.node("node-a", "chat.notices.max-room-users=2");
        TestClient first = node.connect("10.0.0.1").join(GeneralRoom.ID);
        TestClient second = node.connect("10.0.0.2").join(GeneralRoom.ID);
        List<String> joinedBefore = first.of("notice").stream().map(n -> n.path("user").path("id").asText()).toList();
        assertTrue(joinedBefore.contains(second.session.user().id()), "two users: a notice " + joinedBefore);
        TestClient third = node.connect("10.0.0.3").join(GeneralRoom.ID);
        assertEquals(1, third.of("joined").size());
        List<String> joinedAfter = first.of("notice").stream().map(n -> n.path("user").path("id").asText()).toList();
        assertEquals(joinedBefore, joinedAfter, "three users, over the limit: no notice of the third");
        assertFalse(joinedAfter.contains(third.session.user().id()));
    }
}

package dev.chat.node.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.chat.contract.GeneralRoom;

/**
 * A node whose presence entry of a room went (another node pruned it after the node was cut off
 * longer than the TTL, or Redis lost it) adds its users there again: on its next heartbeat, or on
 * the next join, which is what finds the entry gone when it comes first; one whose users in Redis
 * drifted from its own has them made its own again. In memory, no Redis.
 */
class PresenceTrackerTest {

    private final TestNode.Cluster cluster = new TestNode.Cluster();

    @AfterEach
    void close() {
        cluster.close();
    }

    private Set<String> present() {
        return cluster.presence.people(GeneralRoom.ID).keySet();
    }

    private static String id(TestClient client) {
        return client.session.user().id();
    }

    @Test
    void theNextHeartbeatAddsTheUsersOfALostEntryAgain() {
        TestNode node = cluster.node("node-a", "chat.presence.heartbeat=50ms");
        TestClient a = node.connect("10.0.0.1").join(GeneralRoom.ID);
        TestClient b = node.connect("10.0.0.2").join(GeneralRoom.ID);
        assertEquals(Set.of(id(a), id(b)), present());
        node.presence.lose(GeneralRoom.ID);
        assertTrue(present().isEmpty());
        await().atMost(Duration.ofSeconds(5)).until(() -> present().equals(Set.of(id(a), id(b))));
    }

    @Test
    void aUserRedisHoldsForTheNodeBeyondItsOwnIsTakenOutAfterTwoHeartbeats() {
        TestNode node = cluster.node("node-a", "chat.presence.heartbeat=50ms");
        TestClient a = node.connect("10.0.0.1").join(GeneralRoom.ID);
        // a leave that overtook its own join in Redis: the user stays there, not on the node
        node.presence.strand(GeneralRoom.ID, "u-stranded");
        assertEquals(Set.of(id(a), "u-stranded"), present());
        await().atMost(Duration.ofSeconds(5)).until(() -> present().equals(Set.of(id(a))));
    }

    @Test
    void aDifferenceWhileJoinsReachRedisBetweenHeartbeatsIsNoDrift() {
        // heartbeats by hand: a room filling up differs at every heartbeat, and must not be synced
        TestNode node = cluster.node("node-a", "chat.presence.heartbeat=1h");
        TestClient a = node.connect("10.0.0.1").join(GeneralRoom.ID);
        node.presence.strand(GeneralRoom.ID, "u-stranded");
        PresenceTracker tracker = node.chat.relays().presence();
        tracker.heartbeat(System.currentTimeMillis());
        TestClient b = node.connect("10.0.0.2").join(GeneralRoom.ID);
        tracker.heartbeat(System.currentTimeMillis());
        assertEquals(Set.of(id(a), id(b), "u-stranded"), present(), "a join came between: not yet a drift");
        tracker.heartbeat(System.currentTimeMillis());
        await().atMost(Duration.ofSeconds(5)).until(() -> present().equals(Set.of(id(a), id(b))));
    }

    @Test
    void aJoinThatFindsTheEntryLostAddsTheNodesOtherUsersAgain() {
        // no heartbeat within the test: only the join can bring the others back
        TestNode node = cluster.node("node-a", "chat.presence.heartbeat=1h");
        TestClient a = node.connect("10.0.0.1").join(GeneralRoom.ID);
        TestClient b = node.connect("10.0.0.2").join(GeneralRoom.ID);
        node.presence.lose(GeneralRoom.ID);
        TestClient c = node.connect("10.0.0.3").join(GeneralRoom.ID);
        await().atMost(Duration.ofSeconds(5)).until(() -> present().equals(Set.of(id(a), id(b), id(c))));
    }
}

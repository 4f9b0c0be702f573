package dev.chat.node.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

import dev.chat.contract.Presence;
import dev.chat.contract.RedisKeys;
import dev.chat.contract.RoomMeta;
import dev.chat.node.config.NodeConfig;
import dev.chat.node.store.PresenceStore;
import dev.chat.testing.RedisTestResource;
import dev.chat.testing.WsClient;

/**
 * Who is here and who is typing, on a real Redis: the roster a joining page gets and the changes
 * everyone then hears (joins, renames, leaves, users of a dead node lapsing), capped per frame
 * ({@code %test.chat.roster.max-per-frame=4}); typing signals relayed once per interval, never
 * stored, and not in rooms over {@code %test.chat.typing.max-room-users=3}.
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class PeopleTest {

    private static final int CAP = 4;
    private static final Duration LAPSE_WAIT = Duration.ofSeconds(8);

    @TestHTTPResource("/ws")
    URI http;

    @Inject
    Redis redis;

    @Inject
    NodeConfig config;

    private WsClient connect() {
        WsClient client = WsClient.connect(URI.create(http.toString().replaceFirst("^http", "ws")));
        client.next("welcome");
        return client;
    }

    private static String id(WsClient client) {
        return client.seen("welcome").get(0).get("user").get("id").asText();
    }

    private static String name(WsClient client) {
        return client.seen("welcome").get(0).get("user").get("name").asText();
    }

    private WsClient joined(String room) {
        WsClient client = connect();
        client.join(room);
        client.next("joined");
        return client;
    }

    private RedisKeys keys() {
        return new RedisKeys(config.redis().keyPrefix());
    }

    private String createRoom() {
        String id = "p" + UUID.randomUUID().toString().substring(0, 8);
        RoomMeta meta = new RoomMeta(id, "Room " + id, 300, null, System.currentTimeMillis(), true);
        Request hset = Request.cmd(Command.HSET).arg(keys().meta(id));
        meta.toHash().forEach((k, v) -> hset.arg(k).arg(v));
        redis.send(hset).toCompletionStage().toCompletableFuture().join();
        return id;
    }

    private static Map<String, String> here(JsonNode roster) {
        Map<String, String> people = new LinkedHashMap<>();
        roster.get("here").forEach(p -> people.put(p.get("id").asText(), p.get("name").asText()));
        return people;
    }

    private static List<String> gone(JsonNode roster) {
        List<String> ids = new ArrayList<>();
        roster.path("gone").forEach(p -> ids.add(p.get("id").asText()));
        return ids;
    }

    /** The version of the roster frame's word on this user (a frame may carry several users). */
    private static long version(JsonNode roster, String userId) {
        for (String field : List.of("here", "gone")) {
            for (JsonNode p : roster.path(field)) {
                if (p.get("id").asText().equals(userId)) {
                    return p.get("v").asLong();
                }
            }
        }
        throw new AssertionError(userId + " not in " + roster);
    }

    private static boolean lists(JsonNode roster, String userId) {
        return here(roster).containsKey(userId);
    }

    @Test
    void aJoinerGetsWhoIsHereAndEveryoneHearsWhoComesRenamesAndGoes() {
        String room = createRoom();
        long startedAt = System.currentTimeMillis();
        try (WsClient a = joined(room)) {
            JsonNode first = a.next("roster", r -> r.path("reset").asBoolean());
            assertEquals(Map.of(id(a), name(a)), here(first));
            assertEquals(room, first.get("room").asText());
            long base = first.get("v").asLong();
            // versions start from Redis' clock, so they grow even across a Redis that lost the room
            assertTrue(base > (startedAt - 60_000) * 1000, first.toString());

            WsClient b = joined(room);
            JsonNode snapshot = b.next("roster", r -> r.path("reset").asBoolean());
            assertEquals(Map.of(id(a), name(a), id(b), name(b)), here(snapshot));
            JsonNode came = a.next("roster", r -> !r.path("reset").asBoolean() && lists(r, id(b)));
            assertEquals(name(b), here(came).get(id(b)));
            long joinedAt = version(came, id(b));
            assertTrue(joinedAt > base, "versions grow: " + came);

            b.sendJson("{\"type\":\"nick\",\"name\":\"Night Owl\"}");
            b.next("identity");
            JsonNode renamed = a.next("roster", r -> "Night Owl".equals(here(r).get(id(b))));
            assertTrue(version(renamed, id(b)) > joinedAt);

            b.close();
            JsonNode left = a.next("roster", r -> gone(r).contains(id(b)));
            assertFalse(lists(left, id(b)));
            assertTrue(version(left, id(b)) > version(renamed, id(b)));
            assertTrue(a.seen("roster").stream().noneMatch(r -> gone(r).contains(id(a))), "a never left");
        }
    }

    @Test
    void aBigRoomIsCappedPerFrameAndABurstOfChangesBecomesOneSnapshot() {
        String room = createRoom();
        List<WsClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < CAP + 2; i++) {
                clients.add(joined(room));
            }
            WsClient last = clients.get(clients.size() - 1);
            JsonNode snapshot = last.next("roster", r -> r.path("reset").asBoolean());
            assertEquals(CAP, snapshot.get("here").size(), "at most the cap of " + (CAP + 2) + " users: " + snapshot);
            assertEquals(CAP + 2, last.seen("joined").get(0).get("users").asInt(), "the count counts them all");

            // another node brings back more users at once than one frame carries (a restore)
            WsClient watcher = clients.get(0);
            Map<String, String> many = new HashMap<>();
            for (int i = 0; i < CAP + 1; i++) {
                many.put("u-burst" + i + UUID.randomUUID().toString().substring(0, 6), "Burst " + i);
            }
            new PresenceStore(redis, keys(), "other-node", Presence.instance("other-node"), Duration.ofMinutes(1))
                    .add(room, many, System.currentTimeMillis())
                    .toCompletableFuture().join();
            JsonNode reset = watcher.next("roster", r -> r.path("reset").asBoolean()
                    && r.get("v").asLong() > snapshot.get("v").asLong());
            assertEquals(CAP, reset.get("here").size(), reset.toString());
            assertTrue(watcher.seen("roster").stream().filter(r -> !r.path("reset").asBoolean())
                    .noneMatch(r -> here(r).keySet().stream().anyMatch(many::containsKey)),
                    "no frame of changes carried the burst");
        } finally {
            clients.forEach(WsClient::close);
        }
    }

    @Test
    void aRoomTooBigToKeepLiveGivesAMarkedSampleAndNoChangesUntilItIsSmallAgain() {
        String room = createRoom();
        PresenceStore otherNode = new PresenceStore(redis, keys(), "other-node", Presence.instance("other-node"), Duration.ofMinutes(1));
        Map<String, String> crowd = new HashMap<>();
        for (int i = 0; i < 15; i++) {
            crowd.put("u-crowd" + i + UUID.randomUUID().toString().substring(0, 6), "Crowd " + i);
        }
        try (WsClient watcher = joined(room)) {
            otherNode.add(room, crowd, System.currentTimeMillis()).toCompletableFuture().join();
            // 16 users, over the live limit of 12, once this node has counted them
            watcher.next("presence", p -> p.get("users").asInt() == 16);
            try (WsClient joiner = joined(room)) {
                JsonNode sample = joiner.next("roster", r -> r.path("reset").asBoolean());
                assertFalse(sample.path("live").asBoolean(true), "marked as a sample: " + sample);
                assertEquals(CAP, sample.get("here").size(), sample.toString());

                String late = "u-late" + UUID.randomUUID().toString().substring(0, 6);
                otherNode.add(room, Map.of(late, "Late Comer"), System.currentTimeMillis()).toCompletableFuture().join();
                org.awaitility.Awaitility.await().during(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(3))
                        .until(() -> watcher.seen("roster").stream().noneMatch(r -> lists(r, late)));

                for (String userId : crowd.keySet()) {
                    otherNode.remove(room, userId, System.currentTimeMillis()).toCompletableFuture().join();
                }
                // three left (watcher, joiner, late): live again, and everyone starts over
                JsonNode reset = watcher.next("roster", r -> r.path("reset").asBoolean() && lists(r, late));
                assertTrue(reset.path("live").asBoolean(true), reset.toString());
                assertEquals(Set.of(id(watcher), id(joiner), late), here(reset).keySet());
            }
        }
    }

    @Test
    void theUsersOfANodeThatDiedLapseAndEveryoneHearsTheyWent() {
        String room = createRoom();
        try (WsClient a = joined(room)) {
            a.next("roster", r -> r.path("reset").asBoolean());
            String ghost = "u-ghost" + UUID.randomUUID().toString().substring(0, 6);
            // a node that added a user a TTL ago, less 300 ms, and then died: its entry is never refreshed
            long ttl = config.presence().ttl().toMillis();
            new PresenceStore(redis, keys(), "dying-node", Presence.instance("dying-node"), config.presence().ttl())
                    .add(room, Map.of(ghost, "Gone Soon"), System.currentTimeMillis() - ttl + 300).toCompletableFuture()
                    .join();
            a.next("roster", r -> "Gone Soon".equals(here(r).get(ghost)));
            // this node's next heartbeat drops the lapsed member and says so
            a.next("roster", r -> gone(r).contains(ghost), LAPSE_WAIT);
        }
    }

    @Test
    void usersThisNodeLostToAnotherNodesPruneAreBackAfterItsNextHeartbeat() {
        String room = createRoom();
        try (WsClient a = joined(room)) {
            a.next("roster", r -> r.path("reset").asBoolean());
            String me = id(a);
            // another node writes a TTL on, as if this node had been cut off from Redis that long: this
            // node's entry has lapsed by then, so that write prunes its users and says so
            long later = System.currentTimeMillis() + config.presence().ttl().toMillis() + 1;
            new PresenceStore(redis, keys(), "other-node", Presence.instance("other-node"), config.presence().ttl())
                    .add(room, Map.of("u-other", "Other"), later).toCompletableFuture().join();
            a.next("roster", r -> gone(r).contains(me));
            // this node's next heartbeat finds its entry gone and adds its users again
            a.next("roster", r -> lists(r, me), LAPSE_WAIT);
        }
    }

    @Test
    void typingReachesTheRoomOncePerIntervalAndIsNeverStored() {
        String room = createRoom();
        try (WsClient a = joined(room); WsClient b = joined(room)) {
            JsonNode welcome = a.seen("welcome").get(0);
            assertEquals(3, welcome.get("typing").get("maxUsers").asInt());
            assertEquals(2000, welcome.get("typing").get("everyMs").asLong());
            String marker = "after typing " + UUID.randomUUID();
            a.sendJson("{\"type\":\"typing\"}");
            a.sendJson("{\"type\":\"typing\"}"); // within the interval: dropped
            a.say(marker);
            JsonNode typing = b.next("typing");
            assertEquals(room, typing.get("room").asText());
            assertEquals(id(a), typing.get("user").get("id").asText());
            assertEquals(name(a), typing.get("user").get("name").asText());
            b.next("message", m -> marker.equals(m.get("text").asText()));
            assertEquals(1, b.seen("typing").size(), "one signal per interval: " + b.seen("typing"));
            assertTrue(a.seen("error").isEmpty(), "a dropped signal is not an error: " + a.seen("error"));

            try (WsClient late = joined(room)) {
                JsonNode history = late.seen("joined").get(0).get("history");
                assertTrue(history.size() >= 1);
                history.forEach(m -> assertEquals("message", m.get("type").asText()));
            }
        }
    }

    @Test
    void roomsOverTheSizeLimitGetNoTypingSignals() {
        String room = createRoom();
        List<WsClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                clients.add(joined(room));
            }
            WsClient typist = clients.get(0);
            WsClient reader = clients.get(1);
            // once this node has counted 4 users (the limit is 3) ...
            typist.next("presence", p -> p.get("users").asInt() == 4);
            String marker = "in a big room " + UUID.randomUUID();
            typist.sendJson("{\"type\":\"typing\"}");
            typist.say(marker);
            reader.next("message", m -> marker.equals(m.get("text").asText()));
            assertTrue(reader.seen("typing").isEmpty(), "no typing in a room of 4: " + reader.seen("typing"));
        } finally {
            clients.forEach(WsClient::close);
        }
    }

    @Test
    void typingOutsideARoomIsRefused() {
        try (WsClient a = connect()) {
            a.sendJson("{\"type\":\"typing\"}");
            assertEquals("not_in_room", a.next("error").get("code").asText());
        }
    }
}

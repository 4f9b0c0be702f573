package dev.chat.node.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

import dev.chat.contract.RedisKeys;
import dev.chat.node.config.NodeConfig;
import dev.chat.testing.RedisTestResource;
import dev.chat.testing.WsClient;

/** Custom rooms as the registry writes them: clearing notices, expiry, hidden history, notices. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class RoomLifecycleTest {

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

    private String createRoom(long clearSeconds, Long expirySeconds, boolean historyForNewcomers) {
        return TestRooms.create(redis, new RedisKeys(config.redis().keyPrefix()), clearSeconds, expirySeconds,
                historyForNewcomers);
    }

    @Test
    void membersAreToldWhenTheRoomIsClearedWithTheNextBoundary() {
        String room = createRoom(1, null, true);
        try (WsClient a = connect()) {
            a.join(room);
            a.next("joined");
            JsonNode first = a.next("cleared", c -> c.get("room").asText().equals(room), Duration.ofSeconds(4));
            JsonNode second = a.next("cleared", c -> c.get("room").asText().equals(room), Duration.ofSeconds(4));
            assertEquals(1000, second.get("nextClearAt").asLong() - first.get("nextClearAt").asLong());
        }
    }

    @Test
    void anIdleRoomExpiresMembersAreToldAndCanNoLongerSendOrJoin() {
        String room = createRoom(60, 2L, true);
        try (WsClient a = connect()) {
            a.join(room);
            a.next("joined");
            long joinedAt = System.nanoTime();
            a.next("expired", e -> e.get("room").asText().equals(room), Duration.ofSeconds(6));
            long afterMs = (System.nanoTime() - joinedAt) / 1_000_000;
            assertTrue(afterMs >= 1_900 && afterMs <= 4_500, "expired 2 s after the last activity, told within 2 s: "
                    + afterMs + " ms");
            a.say("anyone?");
            assertEquals("not_in_room", a.next("error").get("code").asText());
            a.join(room);
            assertEquals("no_such_room", a.next("error").get("code").asText());
        }
    }

    @Test
    void activityKeepsAnExpiringRoomAlive() {
        // 3 s: room enough for the next join to come within it on a loaded machine
        String room = createRoom(60, 3L, true);
        try (WsClient a = connect()) {
            a.join(room);
            a.next("joined");
            long start = System.nanoTime();
            int[] sent = { 0 };
            // keep talking every half second for twice the expiry: the room must stay
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(12)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        String text = "still here " + sent[0]++;
                        a.say(text);
                        a.next("message", m -> m.get("text").asText().equals(text));
                        return System.nanoTime() - start > 6_000_000_000L;
                    });
            assertTrue(a.seen("expired").isEmpty());
        }
        try (WsClient b = connect()) {
            b.join(room);
            b.next("joined");
        }
    }

    @Test
    void aRoomThatHidesOlderMessagesGivesNewcomersNoHistory() {
        String room = createRoom(60, null, false);
        try (WsClient a = connect()) {
            a.join(room);
            a.next("joined");
            a.say("before you came");
            a.next("message");
        }
        try (WsClient b = connect()) {
            b.join(room);
            assertEquals(0, b.next("joined").get("history").size());
        }
    }

    @Test
    void aResumeInARoomThatHidesOlderMessagesShowsNothingFromBeforeTheUsersFirstJoin() {
        String room = createRoom(60, null, false);
        RedisKeys keys = new RedisKeys(config.redis().keyPrefix());
        try (WsClient a = connect()) {
            a.join(room);
            a.next("joined");
            a.say("before b came 1");
            a.say("before b came 2");
            long lastBefore = Long.parseLong(a.next("message", m -> m.get("text").asText().endsWith("2")).get("id").asText());
            String token;
            String userId;
            try (WsClient b = connect()) {
                JsonNode welcome = b.seen("welcome").get(0);
                token = welcome.get("token").asText();
                userId = welcome.get("user").get("id").asText();
                b.join(room, "0");
                JsonNode joined = b.next("joined");
                assertEquals(0, joined.get("history").size(), "since 0 on a first join shows nothing older: " + joined);
                assertEquals(false, joined.get("recovered").asBoolean());
                a.say("after b came");
                b.next("message", m -> m.get("text").asText().equals("after b came"));
            }
            String recorded = redis.send(Request.cmd(Command.HGET).arg(keys.firstJoins(room)).arg(userId))
                    .toCompletionStage().toCompletableFuture().join().toString();
            assertEquals(Long.toString(lastBefore), recorded, "the room's last id at b's first join");
            long ttl = redis.send(Request.cmd(Command.PTTL).arg(keys.firstJoins(room))).toCompletionStage()
                    .toCompletableFuture().join().toLong();
            assertTrue(ttl > 0 && ttl <= 60_000, "gone at the next clear boundary: " + ttl);
            try (WsClient again = WsClient.connect(URI.create(http.toString().replaceFirst("^http", "ws") + "?token=" + token))) {
                assertEquals(userId, again.next("welcome").get("user").get("id").asText());
                again.join(room, "0");
                JsonNode resumed = again.next("joined");
                List<String> texts = new java.util.ArrayList<>();
                resumed.get("history").forEach(m -> texts.add(m.get("text").asText()));
                assertEquals(List.of("after b came"), texts, "only what came after b's first join");
                assertEquals(Long.toString(lastBefore), redis.send(Request.cmd(Command.HGET).arg(keys.firstJoins(room))
                        .arg(userId)).toCompletionStage().toCompletableFuture().join().toString(), "a later join keeps the first");
            }
        }
    }

    @Test
    void aResendIsNeverStoredTwiceEvenAfterTheHistoryTrimmedTheFirst() {
        String room = createRoom(60, null, true);
        RedisKeys keys = new RedisKeys(config.redis().keyPrefix());
        try (WsClient a = connect()) {
            a.join(room);
            a.next("joined");
            a.say("once only", "c-trim");
            String id = a.next("message", m -> "c-trim".equals(m.path("clientId").asText())).get("id").asText();
            a.say("later");
            a.next("message", m -> m.get("text").asText().equals("later"));
            // what MAXLEN trimming does to the oldest entries of a busy room
            redis.send(Request.cmd(Command.XDEL).arg(keys.history(room)).arg(id + "-0")).toCompletionStage()
                    .toCompletableFuture().join();
            a.say("once only", "c-trim");
            JsonNode echo = a.next("message", m -> "c-trim".equals(m.path("clientId").asText()));
            assertEquals(id, echo.get("id").asText(), "answered under its first id");
            a.say("after the resend");
            a.next("message", m -> m.get("text").asText().equals("after the resend"));
            long stored = redis.send(Request.cmd(Command.XLEN).arg(keys.history(room))).toCompletionStage()
                    .toCompletableFuture().join().toLong();
            assertEquals(2, stored, "'later' and 'after the resend': the resend was not stored again");
            assertEquals(0, a.seen("message").stream().filter(m -> "c-trim".equals(m.path("clientId").asText())
                    && !m.get("id").asText().equals(id)).count(), "no second id for the clientId");
        }
    }

    @Test
    void joinsAndLeavesAreNoticed() {
        String room = createRoom(60, null, true);
        try (WsClient a = connect()) {
            a.join(room);
            a.next("joined");
            String name;
            try (WsClient b = connect()) {
                name = b.seen("welcome").get(0).get("user").get("name").asText();
                b.join(room);
                b.next("joined");
                JsonNode join = a.next("notice", n -> n.get("kind").asText().equals("join")
                        && n.get("user").get("name").asText().equals(name));
                assertEquals(room, join.get("room").asText());
            }
            a.next("notice", n -> n.get("kind").asText().equals("leave") && n.get("user").get("name").asText().equals(name));
        }
    }

    @Test
    void idsKeepGrowingWhenRedisLosesTheRoomsDataAndAResumeAcrossTheLossIsNotRecovered() {
        String room = createRoom(60, null, true);
        RedisKeys keys = new RedisKeys(config.redis().keyPrefix());
        try (WsClient a = connect()) {
            a.join(room);
            a.next("joined");
            a.say("before the loss");
            long before = Long.parseLong(a.next("message").get("id").asText());
            // what a Redis restart without persistence does to the room's messages
            redis.send(Request.cmd(Command.DEL).arg(keys.seq(room)).arg(keys.history(room))).toCompletionStage()
                    .toCompletableFuture().join();
            a.say("after the loss");
            JsonNode after = a.next("message", m -> m.get("text").asText().equals("after the loss"));
            assertTrue(Long.parseLong(after.get("id").asText()) > before, "the node delivers it: ids only grow");
            try (WsClient resuming = connect()) {
                resuming.join(room, Long.toString(before));
                JsonNode joined = resuming.next("joined");
                assertEquals(false, joined.get("recovered").asBoolean(), "the gap before the loss cannot be filled");
                assertEquals("after the loss", joined.get("history").get(0).get("text").asText());
            }
        }
    }

    @Test
    void switchingRoomsTakesTheUserOutOfTheOldRoomsCountAtOnce() {
        String room = createRoom(60, null, true);
        RedisKeys keys = new RedisKeys(config.redis().keyPrefix());
        try (WsClient stays = connect(); WsClient moves = connect()) {
            stays.join(room);
            stays.next("joined");
            moves.join(room);
            moves.next("joined");
            stays.next("presence", p -> p.get("users").asInt() == 2);
            moves.join("general");
            moves.next("joined");
            stays.next("presence", p -> p.get("users").asInt() == 1, Duration.ofSeconds(3));
            assertEquals(1, count(keys, room));
        }
    }

    private long count(RedisKeys keys, String room) {
        return dev.chat.contract.Presence.COUNT.run(redis, dev.chat.contract.Presence.keys(keys, room),
                List.of(Long.toString(System.currentTimeMillis()))).toCompletionStage().toCompletableFuture().join()
                .toLong();
    }

    @Test
    void aUserStillPresentThroughAnotherNodeIsNotTakenOutByLeavingThisOne() {
        String room = createRoom(60, null, true);
        RedisKeys keys = new RedisKeys(config.redis().keyPrefix());
        try (WsClient stays = connect(); WsClient tab = connect()) {
            String user = tab.seen("welcome").get(0).get("user").get("id").asText();
            stays.join(room);
            stays.next("joined");
            tab.join(room);
            tab.next("joined");
            // the same user also has a tab on another node, which keeps its entry fresh
            dev.chat.contract.Presence.ADD.run(redis, dev.chat.contract.Presence.keys(keys, room),
                    List.of(user, "other-node", Long.toString(System.currentTimeMillis() + 60_000), "60000"))
                    .toCompletionStage().toCompletableFuture().join();
            tab.close();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(3))
                    .until(() -> stays.seen("notice").stream().anyMatch(n -> n.get("kind").asText().equals("leave")));
            assertEquals(2, count(keys, room), "still two users: the other tab is on another node");
        }
    }

    @Test
    void aJoinIntoARoomGoneMeanwhileIsRefusedAndWritesNothingThoughTheNodeStillWatchesIt() {
        String room = createRoom(60, null, true);
        RedisKeys keys = new RedisKeys(config.redis().keyPrefix());
        try (WsClient member = connect(); WsClient late = connect()) {
            member.join(room);
            member.next("joined");
            // deleted behind the node's back: it still has a member there and knows the room
            redis.send(Request.cmd(Command.DEL).arg(keys.meta(room))).toCompletionStage().toCompletableFuture().join();
            long before = count(keys, room);
            late.join(room);
            assertEquals("no_such_room", late.next("error").get("code").asText());
            assertEquals(before, count(keys, room), "the refused join is not counted as present");
        }
    }
}

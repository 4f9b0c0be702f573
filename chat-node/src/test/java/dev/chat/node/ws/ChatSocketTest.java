package dev.chat.node.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.chat.testing.RedisTestResource;
import dev.chat.testing.WsClient;

@QuarkusTest
@WithTestResource(RedisTestResource.class)
class ChatSocketTest {

    @TestHTTPResource("/ws")
    URI http;

    @jakarta.inject.Inject
    io.vertx.redis.client.Redis redis;

    @jakarta.inject.Inject
    dev.chat.node.config.NodeConfig config;

    private WsClient connect() {
        return WsClient.connect(URI.create(http.toString().replaceFirst("^http", "ws")));
    }

    private WsClient joinedGeneral() {
        WsClient client = connect();
        client.next("welcome");
        client.join("general");
        client.next("joined");
        return client;
    }

    @Test
    void welcomesWithAnAnonymousIdentityAndTheNodeId() {
        try (WsClient a = connect(); WsClient b = connect()) {
            JsonNode wa = a.next("welcome");
            JsonNode wb = b.next("welcome");
            assertTrue(wa.get("user").get("id").asText().startsWith("u-"));
            assertTrue(wa.get("user").get("name").asText().contains(" "));
            assertNotEquals(wa.get("user").get("id"), wb.get("user").get("id"));
            assertEquals("test-node", wa.get("node").asText());
        }
    }

    @Test
    void everyMemberGetsEveryMessageOnceInOrderTheSenderIncluded() {
        try (WsClient a = joinedGeneral(); WsClient b = joinedGeneral()) {
            String tag = UUID.randomUUID().toString();
            for (int i = 0; i < 20; i++) {
                a.say(tag + " " + i, "c-" + tag + "-" + i);
            }
            for (WsClient client : List.of(a, b)) {
                long previous = -1;
                for (int i = 0; i < 20; i++) {
                    JsonNode m = client.next("message", f -> f.get("text").asText().startsWith(tag));
                    assertEquals(tag + " " + i, m.get("text").asText());
                    assertEquals("general", m.get("room").asText());
                    long id = Long.parseLong(m.get("id").asText());
                    assertTrue(id > previous, "ids increase");
                    previous = id;
                }
            }
            JsonNode echoed = a.seen("message").stream().filter(m -> m.get("text").asText().equals(tag + " 0")).findFirst()
                    .orElseThrow();
            assertEquals("c-" + tag + "-0", echoed.get("clientId").asText());
            assertEquals(20, b.seen("message").stream().filter(m -> m.get("text").asText().startsWith(tag)).count(),
                    "exactly once");
        }
    }

    @Test
    void aLateJoinerGetsTheHistoryAndAResumingClientExactlyTheGap() {
        String tag = UUID.randomUUID().toString();
        String firstId;
        try (WsClient a = joinedGeneral()) {
            a.say(tag + " one");
            firstId = a.next("message", m -> m.get("text").asText().equals(tag + " one")).get("id").asText();
            a.say(tag + " two");
            a.next("message", m -> m.get("text").asText().equals(tag + " two"));
        }
        try (WsClient late = connect()) {
            late.next("welcome");
            late.join("general");
            JsonNode joined = late.next("joined");
            List<String> texts = texts(joined.get("history"));
            assertTrue(texts.indexOf(tag + " one") >= 0 && texts.indexOf(tag + " one") < texts.indexOf(tag + " two"),
                    texts.toString());
            assertTrue(joined.get("recovered").asBoolean());
        }
        try (WsClient resuming = connect()) {
            resuming.next("welcome");
            resuming.join("general", firstId);
            JsonNode joined = resuming.next("joined");
            assertEquals(tag + " two", joined.get("history").get(0).get("text").asText());
            assertTrue(joined.get("recovered").asBoolean());
        }
    }

    @Test
    void aRepeatedClientIdIsNotStoredTwiceAndTheSenderGetsTheOriginalBack() {
        try (WsClient a = joinedGeneral(); WsClient b = joinedGeneral()) {
            String clientId = UUID.randomUUID().toString();
            a.say("once", clientId);
            JsonNode original = a.next("message", m -> clientId.equals(m.path("clientId").asText()));
            a.say("once", clientId);
            assertEquals(original, a.next("message", m -> clientId.equals(m.path("clientId").asText())),
                    "the answer to the resend is the original");
            String marker = UUID.randomUUID().toString();
            a.say(marker);
            b.next("message", m -> m.get("text").asText().equals(marker));
            assertEquals(List.of(original), b.seen("message").stream()
                    .filter(m -> clientId.equals(m.path("clientId").asText())).toList(), "stored and sent once");
        }
    }

    @Test
    void presenceCountsDistinctUsersAndFollowsJoinsAndLeaves() {
        try (WsClient a = joinedGeneral()) {
            long before = a.seen("joined").get(0).get("users").asLong();
            try (WsClient b = joinedGeneral()) {
                a.next("presence", p -> p.get("users").asLong() == before + 1);
            }
            a.next("presence", p -> p.get("users").asLong() == before);
        }
    }

    @Test
    void badFramesGetAnErrorAndTheConnectionSurvives() {
        try (WsClient a = connect()) {
            a.next("welcome");
            a.sendJson("not json");
            assertEquals("bad_request", a.next("error").get("code").asText());
            a.sendJson("{\"type\":\"dance\"}");
            assertEquals("bad_request", a.next("error").get("code").asText());
            a.say("before joining");
            assertEquals("not_in_room", a.next("error").get("code").asText());
            a.join("no-such-room");
            assertEquals("no_such_room", a.next("error").get("code").asText());
            a.join("general");
            a.next("joined");
            a.say("x".repeat(2001));
            assertEquals("too_long", a.next("error").get("code").asText());
            a.say("   ");
            assertEquals("empty", a.next("error").get("code").asText());
            String ok = UUID.randomUUID().toString();
            a.say(ok);
            a.next("message", m -> m.get("text").asText().equals(ok));
            assertFalse(a.closed().isDone());
        }
    }

    @Test
    void anOversizedFrameClosesTheConnectionWith1009() {
        try (WsClient a = connect()) {
            a.next("welcome");
            a.socket().sendText("{\"type\":\"send\",\"text\":\"" + "x".repeat(20_000) + "\"}", true);
            assertEquals(1009, a.closed().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join());
        }
    }

    private static List<String> texts(JsonNode history) {
        return java.util.stream.StreamSupport.stream(history.spliterator(), false).map(m -> m.get("text").asText())
                .toList();
    }

    @Test
    void aTokenKeepsTheIdentityAcrossReconnectsAndAForgedOneGetsANewIdentity() {
        JsonNode first;
        try (WsClient a = connect()) {
            first = a.next("welcome");
        }
        String token = first.get("token").asText();
        URI ws = URI.create(http.toString().replaceFirst("^http", "ws"));
        try (WsClient again = WsClient.connect(URI.create(ws + "?token=" + token))) {
            JsonNode welcome = again.next("welcome");
            assertEquals(first.get("user"), welcome.get("user"));
        }
        String forged = "x" + token.substring(1);
        try (WsClient forger = WsClient.connect(URI.create(ws + "?token=" + forged))) {
            JsonNode welcome = forger.next("welcome");
            assertNotEquals(first.get("user").get("id"), welcome.get("user").get("id"));
        }
    }

    @Test
    void theTokenMayComeInTheFirstFrameInsteadOfTheUrl() {
        JsonNode first;
        try (WsClient a = connect()) {
            first = a.next("welcome");
        }
        try (WsClient again = connect()) {
            JsonNode fresh = again.next("welcome");
            assertNotEquals(first.get("user").get("id"), fresh.get("user").get("id"), "no token in the URL: a new identity");
            again.sendJson("{\"type\":\"auth\",\"token\":\"" + first.get("token").asText() + "\"}");
            JsonNode identity = again.next("identity");
            assertEquals(first.get("user"), identity.get("user"), "the connection is the token's user now");
            assertNotEquals(first.get("token").asText(), identity.get("token").asText(), "with a fresh token (renewed on use)");
            again.join("general");
            again.next("joined");
            String text = UUID.randomUUID().toString();
            again.say(text);
            assertEquals(first.get("user").get("id"),
                    again.next("message", m -> m.get("text").asText().equals(text)).get("user").get("id"));
            again.sendJson("{\"type\":\"auth\",\"token\":\"" + first.get("token").asText() + "\"}");
            assertEquals("bad_request", again.next("error").get("code").asText(), "only before joining");
        }
        try (WsClient forger = connect()) {
            JsonNode welcome = forger.next("welcome");
            forger.sendJson("{\"type\":\"auth\",\"token\":\"x" + first.get("token").asText().substring(1) + "\"}");
            assertEquals(welcome.get("user"), forger.next("identity").get("user"), "a forged token changes nothing");
        }
    }

    @Test
    void nickRenamesTheUserForLaterMessagesAndRefusesBadNames() {
        try (WsClient a = joinedGeneral()) {
            String id = a.seen("welcome").get(0).get("user").get("id").asText();
            a.sendJson("{\"type\":\"nick\",\"name\":\"  Night Owl \"}");
            JsonNode identity = a.next("identity");
            assertEquals("Night Owl", identity.get("user").get("name").asText());
            assertEquals(id, identity.get("user").get("id").asText());
            String text = UUID.randomUUID().toString();
            a.say(text);
            assertEquals("Night Owl", a.next("message", m -> m.get("text").asText().equals(text)).get("user").get("name")
                    .asText());
            a.sendJson("{\"type\":\"nick\",\"name\":\"\"}");
            assertEquals("bad_request", a.next("error").get("code").asText());
            a.sendJson("{\"type\":\"nick\",\"name\":\"" + "n".repeat(41) + "\"}");
            assertEquals("bad_request", a.next("error").get("code").asText());
            // the token issued for the new name brings it back on reconnect
            URI ws = URI.create(http.toString().replaceFirst("^http", "ws") + "?token=" + identity.get("token").asText());
            try (WsClient again = WsClient.connect(ws)) {
                assertEquals("Night Owl", again.next("welcome").get("user").get("name").asText());
            }
        }
    }

    @Test
    void generalComesBackWhenRedisLostItAndSendsKeepWorking() {
        try (WsClient a = joinedGeneral()) {
            // what a Redis restart without persistence does to General
            redis.send(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.DEL)
                    .arg(new dev.chat.contract.RedisKeys(config.redis().keyPrefix()).meta("general")))
                    .toCompletionStage().toCompletableFuture().join();
            String text = UUID.randomUUID().toString();
            a.say(text);
            a.next("message", m -> m.get("text").asText().equals(text));
            assertTrue(a.seen("error").isEmpty(), a.seen("error").toString());
        }
    }
}

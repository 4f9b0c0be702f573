package dev.chat.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import dev.chat.testing.RedisClient;

/**
 * {@code send.lua} on a real Redis: the history's caps by count and by bytes, oldest first; ids
 * that keep growing when the room's sequence is lost.
 */
class SendScriptTest {

    @RegisterExtension
    static final RedisClient client = RedisClient.ofShared();
    private static final Redis redis = client.redis();
    private final RedisKeys keys = new RedisKeys("send-" + UUID.randomUUID());
    private final String room = "r" + UUID.randomUUID().toString().substring(0, 8);

    private Response call(Request request) {
        return client.call(request);
    }

    private String send(String text, int maxLen, long maxBytes) {
        long now = System.currentTimeMillis();
        MessageFrames.Parts parts = MessageFrames.message(room, MessageFrames.userJson("u1", "Ann"), text, now, null,
                List.of());
        Response reply = LuaScript.send().run(redis,
                List.of(keys.meta(room), keys.seq(room), keys.history(room), keys.clientIds(room), keys.historyBytes(room)),
                List.of(keys.channel(room), "n1", parts.head(), parts.tail(), "", Long.toString(now + 60_000),
                        Integer.toString(maxLen), Long.toString(now), Long.toString(maxBytes)))
                .toCompletionStage().toCompletableFuture().join();
        assertEquals("ok", reply.get(0).toString());
        // the reply is short ({'ok', id}): the frame is the parts joined around the id, as stored
        return parts.head() + reply.get(1).toString() + parts.tail();
    }

    private List<String> stored() {
        List<String> frames = new ArrayList<>();
        for (Response entry : call(Request.cmd(Command.XRANGE).arg(keys.history(room)).arg("-").arg("+"))) {
            frames.add(entry.get(1).get(1).toString());
        }
        return frames;
    }

    @Test
    void theHistoryKeepsTheNewestMessagesThatFitItsByteCap() {
        call(Request.cmd(Command.HSET).arg(keys.meta(room)).arg("name").arg("Bytes"));
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sent.add(send(i + "é".repeat(150), 1000, 1000)); // frames of about 450 bytes
        }
        List<String> kept = stored();
        assertEquals(sent.subList(8, 10), kept, "the two newest fit in 1000 bytes, oldest dropped first");
        long held = kept.stream().mapToLong(f -> f.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).sum();
        assertEquals(held, call(Request.cmd(Command.GET).arg(keys.historyBytes(room))).toLong(), "the count is exact");
        assertTrue(call(Request.cmd(Command.PTTL).arg(keys.historyBytes(room))).toLong() > 0, "it expires with the history");

        for (int i = 0; i < 5; i++) {
            sent.add(send("short " + i, 3, 1000));
        }
        assertEquals(sent.subList(12, 15), stored(), "and never more messages than the count cap, exactly");

        // the history is cleared (its expiry came): the count starts afresh
        call(Request.cmd(Command.DEL).arg(keys.history(room)));
        String only = send("after the clear", 1000, 1000);
        assertEquals(List.of(only), stored());
        assertEquals(only.getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                call(Request.cmd(Command.GET).arg(keys.historyBytes(room))).toLong());
    }

    private Request sendRequest(String text) {
        long now = System.currentTimeMillis();
        MessageFrames.Parts parts = MessageFrames.message(room, MessageFrames.userJson("u1", "Ann"), text, now, null,
                List.of());
        Request request = Request.cmd(Command.EVAL).arg(LuaScript.send().source()).arg(5);
        List.of(keys.meta(room), keys.seq(room), keys.history(room), keys.clientIds(room), keys.historyBytes(room))
                .forEach(request::arg);
        List.of(keys.channel(room), "n1", parts.head(), parts.tail(), "", Long.toString(now + 60_000), "1000",
                Long.toString(now), "100000").forEach(request::arg);
        return request;
    }

    @Test
    void idsStillGrowWhenTheSequenceIsLostWithinTheMillisecondItStarted() {
        call(Request.cmd(Command.HSET).arg(keys.meta(room)).arg("name").arg("Loss"));
        // pipelined, so Redis runs all three within a few microseconds: the same millisecond
        List<Response> replies = RedisClient.await(redis.batch(List.of(sendRequest("first"),
                Request.cmd(Command.DEL).arg(keys.seq(room)), sendRequest("after the loss"))));
        assertEquals("ok", replies.get(0).get(0).toString());
        assertEquals("ok", replies.get(2).get(0).toString());
        long first = replies.get(0).get(1).toLong();
        long after = replies.get(2).get(1).toLong();
        assertTrue(after > first, "ids only grow across the loss: " + first + " then " + after);
    }
}

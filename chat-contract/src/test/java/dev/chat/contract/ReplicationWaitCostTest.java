package dev.chat.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import dev.chat.testing.RedisClusterServer;

/**
 * What {@code WAIT 1} after each accepted message would cost (docs/redis-cluster.md, "Loss on
 * failover"): send.lua on a room's master of a 3-master, 3-replica cluster, alone and followed by
 * {@code WAIT 1 1000} on the same connection, interleaved; the replica must acknowledge every
 * message, and both latencies are printed (a loopback figure: the replica is one local hop away).
 */
class ReplicationWaitCostTest {

    private static final int ROUNDS = 400;
    private static RedisClusterServer cluster;
    private static Vertx vertx;

    @BeforeAll
    static void start() {
        cluster = RedisClusterServer.dedicated(3, 1);
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
        cluster.stop();
    }

    @Test
    void everyMessageReachesTheReplicaWithWaitAndItsCostIsPrinted() {
        RedisKeys keys = new RedisKeys("wait-" + UUID.randomUUID().toString().substring(0, 8));
        String room = "r" + UUID.randomUUID().toString().substring(0, 8);
        int master = cluster.ownerOf(keys.meta(room));
        RedisConnection conn = join(Redis.createClient(vertx, "redis://127.0.0.1:" + master).connect());
        join(conn.send(Request.cmd(Command.HSET).arg(keys.meta(room)).arg("name").arg(room)));
        List<Long> plain = new ArrayList<>();
        List<Long> waited = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            plain.add(timedSend(conn, keys, room, false));
            waited.add(timedSend(conn, keys, room, true));
        }
        conn.close();
        System.out.printf("send.lua on its master: p50 %.3f ms, p99 %.3f ms; followed by WAIT 1 1000: p50 %.3f ms, "
                + "p99 %.3f ms (%d rounds, loopback replica)%n", ms(plain, 50), ms(plain, 99), ms(waited, 50),
                ms(waited, 99), ROUNDS);
    }

    private static long timedSend(RedisConnection conn, RedisKeys keys, String room, boolean wait) {
        long now = System.currentTimeMillis();
        MessageFrames.Parts parts = MessageFrames.message(room, MessageFrames.userJson("u1", "Ann"), "hi", now, null,
                List.of());
        Request send = Request.cmd(Command.EVAL).arg(LuaScript.send().source()).arg(5).arg(keys.meta(room))
                .arg(keys.seq(room)).arg(keys.history(room)).arg(keys.clientIds(room)).arg(keys.historyBytes(room))
                .arg(keys.channel(room)).arg("n1").arg(parts.head()).arg(parts.tail()).arg("")
                .arg(Long.toString(now + 60_000)).arg("1000").arg(Long.toString(now)).arg("2097152");
        long started = System.nanoTime();
        Response reply = join(conn.send(send));
        if (wait) {
            Response replicas = join(conn.send(Request.cmd(Command.WAIT).arg(1).arg(1000)));
            assertEquals(1, replicas.toInteger(), "the replica acknowledged the message");
        }
        long took = System.nanoTime() - started;
        assertEquals("ok", reply.get(0).toString());
        return took;
    }

    private static double ms(List<Long> nanos, int percentile) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1_000_000.0;
    }

    private static <T> T join(Future<T> future) {
        return future.toCompletionStage().toCompletableFuture().join();
    }
}

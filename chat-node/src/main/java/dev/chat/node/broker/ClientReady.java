package dev.chat.node.broker;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

/**
 * Waits until the service's own client answers again. After a master failover the broker's
 * subscriber connections may reach the promoted replica before the client does (its slot map
 * keeps the dead master for up to its cache time, and every command fails meanwhile): a room that
 * resubscribed then would read its gap from history through a client that cannot, and skip it.
 */
final class ClientReady {

    private ClientReady() {
    }

    /** Completes once a PING through the client succeeds, trying every {@code delay}; fails once stopped. */
    static Future<Void> await(Vertx vertx, Redis redis, Duration delay, BooleanSupplier stopped) {
        Promise<Void> ready = Promise.promise();
        attempt(vertx, redis, Math.max(1, delay.toMillis()), stopped, ready);
        return ready.future();
    }

    private static void attempt(Vertx vertx, Redis redis, long delayMillis, BooleanSupplier stopped, Promise<Void> ready) {
        if (stopped.getAsBoolean()) {
            ready.fail("stopped");
            return;
        }
        redis.send(Request.cmd(Command.PING)).onComplete(result -> {
            if (result.succeeded()) {
                ready.complete();
            } else {
                vertx.setTimer(delayMillis, id -> attempt(vertx, redis, delayMillis, stopped, ready));
            }
        });
    }
}

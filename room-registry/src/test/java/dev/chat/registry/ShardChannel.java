package dev.chat.registry;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;

/**
 * Listens to a room's channel as a chat node does (SSUBSCRIBE: the scripts publish with SPUBLISH),
 * on a connection of its own; ready once Redis confirmed the subscription. Works on a single Redis
 * (the service's client) as on a Redis Cluster (the client reaches the channel's master).
 */
public final class ShardChannel implements AutoCloseable {

    private final RedisConnection connection;

    private ShardChannel(RedisConnection connection) {
        this.connection = connection;
    }

    public static ShardChannel listen(Redis redis, String channel, Consumer<String> messages) {
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        RedisConnection connection = redis.connect().toCompletionStage().toCompletableFuture().join();
        connection.handler(push -> {
            if (push == null || push.size() < 3) {
                return;
            }
            switch (push.get(0).toString()) {
                case "ssubscribe" -> confirmed.complete(null);
                case "smessage" -> messages.accept(push.get(2).toString());
                default -> {
                    // nothing else is expected on this connection
                }
            }
        });
        connection.send(Request.cmd(Command.SSUBSCRIBE).arg(channel));
        try {
            confirmed.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            connection.close();
            throw new IllegalStateException("no SSUBSCRIBE confirmation for " + channel, e);
        }
        return new ShardChannel(connection);
    }

    @Override
    public void close() {
        connection.close();
    }
}

package dev.chat.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * A Vert.x Redis client of its own, for tests that run the chat's scripts and read Redis
 * directly (the shared test Redis unless told otherwise); blocking helpers, since a test waits
 * for each answer anyway. As a static {@code @RegisterExtension} field it is closed after the
 * test class.
 */
public final class RedisClient implements AutoCloseable, AfterAllCallback {

    private final Vertx vertx;
    private final Redis redis;

    private RedisClient(String url) {
        this.vertx = Vertx.vertx();
        this.redis = Redis.createClient(vertx, url);
    }

    /** A client of the shared test Redis ({@link RedisServer#shared()}). */
    public static RedisClient ofShared() {
        return new RedisClient(RedisServer.shared().url());
    }

    public Vertx vertx() {
        return vertx;
    }

    public Redis redis() {
        return redis;
    }

    /** Sends one command and waits for its answer. */
    public Response call(Request request) {
        return await(redis.send(request));
    }

    /** Waits for a Vert.x future's outcome (a failure is thrown). */
    public static <T> T await(Future<T> future) {
        return future.toCompletionStage().toCompletableFuture().join();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        redis.close();
        await(vertx.close());
    }
}

package dev.chat.node.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.impl.types.BulkType;
import io.vertx.redis.client.impl.types.ErrorType;
import io.vertx.redis.client.impl.types.PushType;

/**
 * How one subscriber connection reads Redis' replies: each SSUBSCRIBE / SUNSUBSCRIBE gets its own
 * reply in order (confirmation or error), a {@code sunsubscribe} nobody asked for is Redis dropping
 * the channel (slot moved), and a connection that ends fails what still waits on it.
 */
class ShardSubscriberTest {

    private final List<String> sent = new ArrayList<>();
    private final AtomicReference<Handler<Response>> replies = new AtomicReference<>();
    private final AtomicReference<Handler<Void>> end = new AtomicReference<>();
    private final List<String> events = new ArrayList<>();

    @SuppressWarnings("unchecked")
    private RedisConnection connection() {
        return (RedisConnection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {RedisConnection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "handler" -> {
                        replies.set((Handler<Response>) args[0]);
                        yield proxy;
                    }
                    case "endHandler" -> {
                        end.set((Handler<Void>) args[0]);
                        yield proxy;
                    }
                    case "send" -> {
                        sent.add(args[0].toString());
                        yield Future.succeededFuture();
                    }
                    case "close" -> Future.succeededFuture();
                    default -> proxy;
                });
    }

    private ShardSubscriber subscriber() {
        return new ShardSubscriber("127.0.0.1:7000", connection(), new ShardSubscriber.Events() {
            @Override
            public void onMessage(String channel, String payload) {
                events.add("message " + channel + " " + payload);
            }

            @Override
            public void onDropped(ShardSubscriber from, String channel) {
                events.add("dropped " + channel);
            }

            @Override
            public void onLost(ShardSubscriber lost, Throwable failure) {
                events.add("lost");
            }
        });
    }

    private void push(String... parts) {
        PushType push = PushType.create(parts.length);
        for (String part : parts) {
            push.add(BulkType.create(Buffer.buffer(part), false));
        }
        replies.get().handle(push);
    }

    @Test
    void repliesAreMatchedInOrderAndAnUnaskedSunsubscribeIsADrop() {
        ShardSubscriber shard = subscriber();
        CompletableFuture<Void> a = shard.subscribe("c:{a}:channel").toCompletableFuture();
        CompletableFuture<Void> b = shard.subscribe("c:{b}:channel").toCompletableFuture();
        assertEquals(2, sent.size(), "one command per channel: " + sent);
        assertTrue(sent.get(0).toLowerCase().contains("ssubscribe"), sent.get(0));

        push("ssubscribe", "c:{a}:channel", "1");
        assertTrue(a.isDone() && !a.isCompletedExceptionally(), "confirmed");
        assertTrue(!b.isDone(), "b waits for its own reply");
        replies.get().handle(ErrorType.create("MOVED 1234 127.0.0.1:7001"));
        assertTrue(b.isCompletedExceptionally(), "the error is b's");
        Throwable moved = b.handle((ok, failure) -> failure).join();
        assertTrue(ShardSubscriber.retryable(moved), moved.getMessage());

        push("smessage", "c:{a}:channel", "M 1 n1\n{}");
        push("sunsubscribe", "c:{a}:channel", "0"); // nobody asked: the slot moved
        CompletableFuture<Void> left = shard.unsubscribe("c:{a}:channel").toCompletableFuture();
        push("sunsubscribe", "c:{a}:channel", "0"); // the answer to the unsubscribe
        assertTrue(left.isDone() && !left.isCompletedExceptionally());
        assertEquals(List.of("message c:{a}:channel M 1 n1\n{}", "dropped c:{a}:channel"), events);
    }

    @Test
    void anEndedConnectionFailsWhatWaitsAndIsReportedOnce() {
        ShardSubscriber shard = subscriber();
        CompletableFuture<Void> waiting = shard.subscribe("c:{a}:channel").toCompletableFuture();
        end.get().handle(null);
        end.get().handle(null);
        assertTrue(waiting.isCompletedExceptionally());
        assertEquals(List.of("lost"), events);
        assertTrue(shard.subscribe("c:{b}:channel").toCompletableFuture().isCompletedExceptionally(), "closed for good");
    }
}

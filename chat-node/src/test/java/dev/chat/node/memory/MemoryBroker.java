package dev.chat.node.memory;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import dev.chat.contract.Envelope;
import dev.chat.node.broker.Broker;
import dev.chat.node.broker.BrokerListener;

/**
 * A {@link Broker} over a {@link Channels} shared by the nodes of a test: what one publishes is
 * delivered at once, in order, to every broker subscribed to the room, the publisher included.
 */
public final class MemoryBroker implements Broker {

    /** The rooms' channels of one test's cluster. */
    public static final class Channels {
        private final Map<String, Set<MemoryBroker>> subscribers = new ConcurrentHashMap<>();

        void publish(String room, Envelope envelope) {
            for (MemoryBroker broker : subscribers.getOrDefault(room, Set.of())) {
                broker.listener.onEnvelope(room, envelope);
            }
        }
    }

    private final Channels channels;
    private final Predicate<String> wants;
    private volatile BrokerListener listener;
    private volatile boolean connected;

    /** @param wants whether this node has members in a room (the hub knows) */
    public MemoryBroker(Channels channels, Predicate<String> wants) {
        this.channels = channels;
        this.wants = wants;
    }

    @Override
    public void start(BrokerListener listener) {
        this.listener = listener;
        this.connected = true;
    }

    @Override
    public void stop() {
        connected = false;
        channels.subscribers.values().forEach(brokers -> brokers.remove(this));
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    public boolean subscribed(String room) {
        return channels.subscribers.getOrDefault(room, Set.of()).contains(this);
    }

    @Override
    public CompletionStage<Void> sync(String room) {
        if (!connected) {
            return CompletableFuture.failedFuture(new IllegalStateException("broker unreachable"));
        }
        if (wants.test(room)) {
            channels.subscribers.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(this);
        } else {
            channels.subscribers.getOrDefault(room, Set.of()).remove(this);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> publish(String room, Envelope envelope) {
        if (!connected) {
            return CompletableFuture.failedFuture(new IllegalStateException("broker unreachable"));
        }
        channels.publish(room, envelope);
        return CompletableFuture.completedFuture(null);
    }
}

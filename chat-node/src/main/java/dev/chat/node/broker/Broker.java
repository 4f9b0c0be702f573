package dev.chat.node.broker;

import java.util.concurrent.CompletionStage;

import dev.chat.contract.Envelope;

/**
 * Cluster delivery: what one node publishes on a room's channel reaches every node subscribed to
 * that room, the publisher included, in the order published. A node subscribes only while it has
 * members in the room ({@link #sync}). {@link RedisBroker} is the implementation; unit tests use
 * one in memory.
 */
public interface Broker {

    /** Connects; every envelope and reconnection is told to {@code listener} from then on. */
    void start(BrokerListener listener);

    void stop();

    /** Whether envelopes can be heard now (the subscriber connection is up). */
    boolean isConnected();

    /**
     * Subscribes to the room when this node has members there and unsubscribes when it has none.
     * Completes once subscribed, so nothing published afterwards is missed; fails when the broker
     * is unreachable.
     */
    CompletionStage<Void> sync(String room);

    /** To every node subscribed to the room, this one included. */
    CompletionStage<Void> publish(String room, Envelope envelope);
}

package dev.chat.node.broker;

import dev.chat.contract.Envelope;

/** Receives what the broker reads from Redis pub/sub. */
public interface BrokerListener {

    void onEnvelope(String room, Envelope envelope);

    /** The subscriber connection is back after a loss: Redis may have restarted empty. */
    void onReconnected();

    /**
     * The room's subscription was restored after the subscriber connection was lost: anything
     * published meanwhile was missed and must be read from history.
     */
    void onResubscribed(String room);
}

package dev.chat.node.hub;

import java.util.concurrent.Executor;

/**
 * Where a session's frames go: the WebSocket in production, a list in unit tests. Every method
 * is called on {@link #loop()}, the thread that owns the socket, so an implementation needs no
 * locks and its writes keep their order.
 */
public interface Outbound {

    /** Runs the inline tasks of unit tests; production outbounds give their socket's event loop. */
    Executor INLINE = Runnable::run;

    /** Queues a text frame; must not block. */
    void send(String frame);

    /** Queues a frame already encoded, the same bytes for every recipient. */
    default void send(Utf8Frame frame) {
        send(frame.text());
    }

    /** Writes what was queued since the last flush out to the socket (one system call, not one per frame). */
    default void flush() {
    }

    /** Closes the connection with a WebSocket close code; frames queued before it still go. */
    void close(int code, String reason);

    /** The event loop that owns the socket; every call above runs on it. */
    default Executor loop() {
        return INLINE;
    }
}

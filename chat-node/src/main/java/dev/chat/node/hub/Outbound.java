package dev.chat.node.hub;

/** Where a session's frames go: the WebSocket in production, a list in unit tests. */
public interface Outbound {

    /** Queues a text frame; must not block. */
    void send(String frame);

    /** Closes the connection with a WebSocket close code; frames queued before it still go. */
    void close(int code, String reason);
}

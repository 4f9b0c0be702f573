package dev.chat.node.hub;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A session's sending side that cuts off a client which stops reading: once more than
 * {@code maxBytes} of frames are queued and not yet written out, the connection is closed (1008)
 * instead of letting the queue grow without bound and slow the node down for everyone else.
 * Sizes are counted in characters, which is exact for the ASCII bulk of the frames. The
 * fallback when the socket's channel cannot be reached ({@code NettyAccess}); the fast path
 * bounds the channel's own outbound buffer instead.
 */
public final class BoundedOutbound implements Outbound {

    public static final int POLICY_VIOLATION = 1008;

    /** The socket underneath: asynchronous sends that complete once written out. */
    public interface Socket {
        CompletionStage<Void> sendText(String frame);

        void close(int code, String reason);

        /**
         * Drops the TCP connection if it is still open after a graceful close had its chance (a
         * client that does not read never takes the close frame either).
         */
        void abortLater();
    }

    private final Socket socket;
    private final long maxBytes;
    private final java.util.concurrent.Executor loop;
    private final AtomicLong queued = new AtomicLong();
    private volatile boolean closed;

    public BoundedOutbound(Socket socket, long maxBytes) {
        this(socket, maxBytes, INLINE);
    }

    /** @param loop the event loop that owns the socket */
    public BoundedOutbound(Socket socket, long maxBytes, java.util.concurrent.Executor loop) {
        this.socket = socket;
        this.maxBytes = maxBytes;
        this.loop = loop;
    }

    @Override
    public java.util.concurrent.Executor loop() {
        return loop;
    }

    @Override
    public void send(String frame) {
        if (closed) {
            return;
        }
        long size = frame.length();
        if (queued.addAndGet(size) > maxBytes) {
            queued.addAndGet(-size);
            close(POLICY_VIOLATION, "too slow: more than " + maxBytes + " bytes unread");
            socket.abortLater();
            return;
        }
        socket.sendText(frame).whenComplete((ok, failure) -> queued.addAndGet(-size));
    }

    @Override
    public void close(int code, String reason) {
        if (!closed) {
            closed = true;
            socket.close(code, reason);
        }
    }

    public long queuedBytes() {
        return queued.get();
    }
}

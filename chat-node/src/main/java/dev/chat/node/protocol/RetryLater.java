package dev.chat.node.protocol;

/**
 * A frame refused for now, with when to try again: too many sends from this connection
 * ({@code rate_limited}), or a node too busy to take it at this moment ({@code busy}).
 */
public final class RetryLater extends ProtocolException {

    private final long retryAfterMs;

    public RetryLater(ErrorCode code, String message, long retryAfterMs) {
        super(code, message);
        this.retryAfterMs = retryAfterMs;
    }

    public long retryAfterMs() {
        return retryAfterMs;
    }
}

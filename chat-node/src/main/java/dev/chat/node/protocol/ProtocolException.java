package dev.chat.node.protocol;

/** A frame that cannot be honoured; becomes an {@code error} frame, the connection stays open. */
public class ProtocolException extends RuntimeException {

    private final ErrorCode code;

    public ProtocolException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}

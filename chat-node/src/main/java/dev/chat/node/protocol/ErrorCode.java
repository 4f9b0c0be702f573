package dev.chat.node.protocol;

/** The {@code code} values of {@code error} frames (docs/protocol.md lists their causes). */
public enum ErrorCode {
    BAD_REQUEST("bad_request"),
    TOO_LONG("too_long"),
    EMPTY("empty"),
    NOT_IN_ROOM("not_in_room"),
    NO_SUCH_ROOM("no_such_room"),
    UNAVAILABLE("unavailable"),
    RATE_LIMITED("rate_limited"),
    BUSY("busy"),
    BAD_ATTACHMENT("bad_attachment");

    private final String wire;

    ErrorCode(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}

package dev.chat.contract;

/**
 * What travels on a room's channel: a header line {@code <kind> <id> <node>}, a newline, a body.
 * The body of a message is the finished frame, so receivers forward it without parsing JSON.
 * Written by the chat nodes, by the registry ({@link #REGISTRY}) and, for messages, by
 * {@code send.lua} (the same layout in Lua); read by every chat node.
 */
public record Envelope(char kind, long id, String node, String body) {

    public static final char MESSAGE = 'M';
    public static final char PRESENCE = 'P';
    public static final char EXPIRED = 'X';
    public static final char NOTICE = 'N';
    /** Who is in the room changed: the body has a line per user (see RosterRelay). */
    public static final char ROSTER = 'R';
    /** Someone is typing: the body is the {@code typing} frame, never stored. */
    public static final char TYPING = 'T';

    /** The node id the registry signs its envelopes with; chat nodes ignore only their own. */
    public static final String REGISTRY = "registry";

    /** The room is gone (expired or deleted): the body is its {@code expired} frame. */
    public static Envelope expired(String roomId, String node) {
        return new Envelope(EXPIRED, 0, node, MessageFrames.expired(roomId));
    }

    public String encode() {
        return kind + " " + id + " " + node + "\n" + body;
    }

    /** Null for anything that is not an envelope (another program on the same Redis). */
    public static Envelope parse(String payload) {
        int newline = payload.indexOf('\n');
        if (newline < 5 || payload.charAt(1) != ' ') {
            return null;
        }
        int space = payload.indexOf(' ', 2);
        if (space < 0 || space > newline) {
            return null;
        }
        try {
            long id = Long.parseLong(payload, 2, space, 10);
            return new Envelope(payload.charAt(0), id, payload.substring(space + 1, newline),
                    payload.substring(newline + 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

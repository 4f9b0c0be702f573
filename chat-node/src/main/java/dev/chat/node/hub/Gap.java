package dev.chat.node.hub;

/**
 * Messages {@code (afterSeq, beforeSeq)} of a room never arrived over pub/sub (which may drop) and
 * must be read from the room's history and handed to {@link Hub#fill}; deliveries of the room wait
 * until then. {@code beforeSeq} is {@link Long#MAX_VALUE} for a catch-up after a reconnect.
 */
public record Gap(String room, long afterSeq, long beforeSeq) {
}

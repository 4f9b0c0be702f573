package dev.chat.node.service;

/**
 * The per-room helpers both halves of the node use: the commands of a connection (joins announce
 * presence, renames change the roster, typing is relayed) and the node's events (recounts, roster
 * changes, clears and expiry). Each keeps its own state; neither half owns them.
 */
record RoomRelays(PresenceTracker presence, RosterRelay roster, TypingRelay typing, NoticeThrottle notices,
        RoomWatch watch) {
}

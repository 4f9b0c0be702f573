package dev.chat.contract;

/**
 * How presence entries are named and counted, the same for the nodes that write them and the
 * registry that reads them: a member per user and node, counted as distinct users.
 */
public final class Presence {

    /** KEYS: presence; ARGV: now (ms). Returns the number of distinct users not lapsed. */
    public static final LuaScript COUNT = LuaScript.resource("presence-count.lua");

    private Presence() {
    }

    public static String member(String userId, String nodeId) {
        return userId + "|" + nodeId;
    }
}

package dev.chat.contract;

/**
 * How presence entries are named and counted, the same for the nodes that write them and the
 * registry that reads them: a member per user and node, counted as distinct users.
 */
public final class Presence {

    /**
     * Lua that defines {@code present_users(presence_key, now)}, the count of distinct users not
     * lapsed: prepend it to any script that counts ({@link LuaScript#resources}).
     */
    public static final String USERS_FUNCTION = "presence-users.lua";

    /** KEYS: presence; ARGV: now (ms). Returns the number of distinct users not lapsed. */
    public static final LuaScript COUNT = LuaScript.resources(USERS_FUNCTION, "presence-count.lua");

    private Presence() {
    }

    public static String member(String userId, String nodeId) {
        return userId + "|" + nodeId;
    }
}

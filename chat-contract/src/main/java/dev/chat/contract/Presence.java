package dev.chat.contract;

/**
 * How presence entries are named and counted, the same for the nodes that write them and the
 * registry that reads them: a member per user and node, counted as distinct users (through a hash
 * of members per user kept beside the set, so a count does not scan the room).
 */
public final class Presence {

    /**
     * Lua that defines the functions every script that changes or counts a room's presence goes
     * through ({@code presence_add}, {@code presence_remove}, {@code presence_prune},
     * {@code presence_keep}, {@code present_users}, {@code present_users_at}), so the set of members
     * and the per-user hash beside it always agree: prepend it ({@link LuaScript#resources}). The
     * chat nodes pass a roster ({@code roster_new}) to keep the names of the present users and
     * publish who came and went; a script that passes none only counts or changes the two keys.
     */
    public static final String FUNCTIONS = "presence-users.lua";

    /**
     * KEYS: presence, presence-users; ARGV: now (ms). The number of distinct users with a member
     * that has not lapsed; changes nothing (the nodes' writes drop lapsed members and say so).
     */
    public static final LuaScript COUNT = LuaScript.resources(FUNCTIONS, "presence-count.lua");

    /**
     * KEYS: presence, presence-users; ARGV: member, lapses at (ms), ttl of the keys (ms). One
     * member added the way a node adds its users (for tools and tests that act as a node).
     */
    public static final LuaScript ADD = LuaScript.resources(FUNCTIONS, "presence-add.lua");

    private Presence() {
    }

    public static String member(String userId, String nodeId) {
        return userId + "|" + nodeId;
    }
}

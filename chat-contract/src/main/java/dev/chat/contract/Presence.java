package dev.chat.contract;

import java.security.SecureRandom;
import java.util.List;

/**
 * How presence is kept and counted, the same for the nodes that write it and the registry that
 * reads it: per room, a sorted set of live nodes (each pushed back by its node's heartbeat, one
 * write per room whatever its users) and a set of users per node, counted as distinct users
 * through a hash of memberships per user kept beside them, so neither a heartbeat nor a count
 * scans the room.
 */
public final class Presence {

    /**
     * Lua that defines the functions every script that changes or counts a room's presence goes
     * through ({@code presence_beat}, {@code presence_join}, {@code presence_leave},
     * {@code presence_prune}, {@code presence_keep}, {@code present_users},
     * {@code present_users_at}), so the node sets and the per-user hash beside them always agree:
     * prepend it ({@link LuaScript#resources}). The chat nodes pass a roster ({@code roster_new})
     * to keep the names of the present users and publish who came and went; a script that passes
     * none only counts or changes the presence keys.
     */
    public static final String FUNCTIONS = "presence-users.lua";

    /**
     * KEYS: {@link #keys}; ARGV: now (ms). The number of distinct users with a membership on a
     * node that has not lapsed; changes nothing (the nodes' writes drop lapsed nodes and say so).
     */
    public static final LuaScript COUNT = LuaScript.resources(FUNCTIONS, "presence-count.lua");

    /**
     * KEYS: {@link #keys}; ARGV: user id, node's presence id, the node lapses at (ms), ttl of the
     * keys (ms). One user added the way a node adds its users (for tools and tests that act as a
     * node); the node's lapse time is set to the given one.
     */
    public static final LuaScript ADD = LuaScript.resources(FUNCTIONS, "presence-add.lua");

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

    private Presence() {
    }

    /** The keys {@link #COUNT} and {@link #ADD} take, in order: legacy presence, presence-users, presence-nodes. */
    public static List<String> keys(RedisKeys keys, String roomId) {
        return List.of(keys.presence(roomId), keys.presenceUsers(roomId), keys.presenceNodes(roomId));
    }

    /**
     * The id a node process keeps its presence under: its node id and a random part of its own.
     * Node ids may be fixed ({@code chat.node.id}); a process restarted under the same id within
     * the TTL then beats for its own entry, not the dead process's, whose users lapse and are
     * pruned like those of any node that died.
     */
    public static String instance(String nodeId) {
        StringBuilder id = new StringBuilder(nodeId).append('~');
        for (int i = 0; i < 8; i++) {
            id.append(DIGITS[RANDOM.nextInt(DIGITS.length)]);
        }
        return id.toString();
    }

    /** A member of the previous release's {@code presence} set, for tests of the rollout. */
    public static String member(String userId, String nodeId) {
        return userId + "|" + nodeId;
    }
}

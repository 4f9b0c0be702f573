package dev.chat.node.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;

import dev.chat.contract.LuaScript;
import dev.chat.contract.Presence;
import dev.chat.contract.RedisKeys;

/**
 * The names of the users present in a room, kept by the presence functions beside the count
 * ({@code presence-names}): read, capped, for a page that joins, and changed when a present user
 * renames. Who comes and goes is written by the presence scripts themselves ({@link PresenceStore},
 * {@link RoomEntrance}), so the roster holds exactly the users the count counts.
 */
public final class RosterStore implements Roster {

    /**
     * At most the cap of the room's users (id → name), and how many there are.
     *
     * @param version of the last change the snapshot includes
     */
    public record Snapshot(long version, long total, Map<String, String> people) {
    }

    private static final LuaScript READ = LuaScript.resources(Presence.FUNCTIONS, "roster-read.lua");
    private static final LuaScript RENAME = LuaScript.resources(Presence.FUNCTIONS, "roster-rename.lua");

    private final Redis redis;
    private final RedisKeys keys;
    private final String nodeId;

    public RosterStore(Redis redis, RedisKeys keys, String nodeId) {
        this.redis = redis;
        this.keys = keys;
        this.nodeId = nodeId;
    }

    /** Up to {@code cap} users (all when there are no more, else a random choice): costs the cap. */
    @Override
    public CompletionStage<Snapshot> read(String roomId, int cap) {
        return READ.run(redis, List.of(keys.presenceNames(roomId), keys.presenceVersion(roomId)),
                List.of(Integer.toString(cap))).map(RosterStore::snapshot).toCompletionStage();
    }

    private static Snapshot snapshot(Response response) {
        Response flat = response.get(2);
        Map<String, String> people = new LinkedHashMap<>();
        for (int i = 0; flat != null && i + 1 < flat.size(); i += 2) {
            people.put(flat.get(i).toString(), flat.get(i + 1).toString());
        }
        return new Snapshot(Long.parseLong(response.get(0).toString()), response.get(1).toLong(), people);
    }

    /** The user's new name, kept and announced if the user is present in the room. */
    @Override
    public CompletionStage<Void> rename(String roomId, String userId, String name) {
        return RENAME.run(redis,
                List.of(keys.presenceUsers(roomId), keys.presenceNames(roomId), keys.presenceVersion(roomId)),
                List.of(userId, name, keys.channel(roomId), nodeId)).<Void>mapEmpty().toCompletionStage();
    }
}

package dev.chat.registry.service;

import dev.chat.contract.RegistryKeys;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.contract.Envelope;
import dev.chat.contract.GeneralRoom;
import dev.chat.contract.RedisKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.redis.client.Redis;

/**
 * Deletes a room on its owner's request and tells the chat nodes, in one Lua script
 * ({@code lua/registry/delete-room.lua}): the nodes get the same {@code expired} envelope as for a room
 * that timed out, so they need no second code path. The room's attachments go with it: their ids
 * are kept in a per-room set ({@link RegistryKeys#attachmentIds}) for this purpose.
 */
@ApplicationScoped
public class RoomRemover {

    /** The node id the registry signs its envelopes with; chat nodes ignore only their own. */
    public static final String ENVELOPE_SENDER = Envelope.REGISTRY;

    private final ReactiveRedisDataSource redis;
    private final Redis scripts;
    private final RegistryKeys registryKeys;
    private final RedisKeys keys;

    RoomRemover(ReactiveRedisDataSource redis, Redis scripts, RegistryKeys registryKeys) {
        this.redis = redis;
        this.scripts = scripts;
        this.registryKeys = registryKeys;
        this.keys = registryKeys.shared();
    }

    /** The envelope announcing that a room is gone (pub/sub kind {@code X}). */
    public static String expiredEnvelope(String roomId) {
        return Envelope.expired(roomId, ENVELOPE_SENDER).encode();
    }

    /** @param ownerToken as presented, null when absent */
    public Uni<DeleteOutcome> delete(String id, String ownerToken) {
        if (!RedisKeys.isValidRoomId(id)) {
            return Uni.createFrom().item(DeleteOutcome.NO_SUCH_ROOM);
        }
        if (GeneralRoom.ID.equals(id)) {
            return Uni.createFrom().item(DeleteOutcome.FORBIDDEN);
        }
        String tokenHash = ownerToken == null || ownerToken.isEmpty() ? "" : OwnerTokens.hash(ownerToken);
        // The name is read first because the name index is keyed by the name, which Lua cannot
        // lower-case the way Java does; names never change, so reading it apart is safe.
        return redis.hash(String.class).hget(keys.meta(id), "name")
                .chain(name -> name == null ? Uni.createFrom().item("gone")
                        : Futures.uni(() -> LuaScripts.DELETE_ROOM.run(scripts,
                                List.of(keys.meta(id), keys.seq(id), keys.history(id), keys.clientIds(id),
                                        keys.presence(id), keys.roomIndex(), registryKeys.roomNames(),
                                        registryKeys.attachmentIds(id), keys.firstJoins(id), keys.presenceUsers(id),
                                        registryKeys.roomNameKeys(), registryKeys.attachmentBytesTotal(),
                                        registryKeys.attachmentExpiries(), registryKeys.attachmentSizes(),
                                        registryKeys.attachmentBytes(id), keys.historyBytes(id)),
                                List.of(id, tokenHash, NewRoomParser.nameKey(name), keys.channel(id),
                                        expiredEnvelope(id), keys.attachment(id, ""))))
                                .map(reply -> reply.toString()))
                .map(verdict -> switch (verdict) {
                    case "deleted" -> DeleteOutcome.DELETED;
                    case "forbidden" -> DeleteOutcome.FORBIDDEN;
                    case "gone" -> DeleteOutcome.NO_SUCH_ROOM;
                    default -> throw new IllegalStateException("delete-room.lua said " + verdict);
                })
                .onFailure().transform(StorageException::wrap);
    }
}

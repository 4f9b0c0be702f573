package dev.chat.registry.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.chat.contract.Envelope;
import dev.chat.contract.GeneralRoom;
import dev.chat.contract.RedisKeys;
import dev.chat.contract.RegistryKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;

/**
 * Deletes a room on its owner's request and tells the chat nodes, in one Lua script in the room's
 * slot ({@code lua/registry/delete-room.lua}), then takes its attachments out of the totals and its
 * entries out of the directory (their own slots; see docs/redis-cluster.md): the nodes get the
 * same {@code expired} envelope as for a room
 * that timed out, so they need no second code path. The room's attachments go with it: their ids
 * are kept in a per-room set ({@link RegistryKeys#attachmentIds}) for this purpose.
 */
@ApplicationScoped
public class RoomRemover {

    private static final Logger LOG = Logger.getLogger(RoomRemover.class);

    /** The node id the registry signs its envelopes with; chat nodes ignore only their own. */
    public static final String ENVELOPE_SENDER = Envelope.REGISTRY;

    private final Redis scripts;
    private final RegistryKeys registryKeys;
    private final RedisKeys keys;
    private final RoomIndex index;
    private final AttachmentTotals attachmentTotals;

    RoomRemover(Redis scripts, RegistryKeys registryKeys, RoomIndex index,
            AttachmentTotals attachmentTotals) {
        this.index = index;
        this.attachmentTotals = attachmentTotals;
        this.scripts = scripts;
        this.registryKeys = registryKeys;
        this.keys = registryKeys.shared();
    }

    /** The envelope announcing that a room is gone (pub/sub kind {@code X}). */
    public static String expiredEnvelope(String roomId) {
        return Envelope.expired(roomId, ENVELOPE_SENDER).encode();
    }

    /**
     * Steps 2 and 3, once the room is gone (its slot): its attachments out of the totals, then its
     * directory entries. Both idempotent; when they do not run (the registry stopped), the totals
     * drop the attachments at their expiry and the next listing prunes the entries.
     */
    private Uni<Void> afterDelete(String id, Response reply) {
        List<String> attachments = new ArrayList<>();
        for (int i = 1; i < reply.size(); i++) {
            attachments.add(reply.get(i).toString());
        }
        return attachmentTotals.release(attachments).chain(() -> index.drop(List.of(id))).replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("room %s deleted; its entries are left to pruning: %s", id,
                        e.getMessage()))
                .onFailure().recoverWithNull();
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
        return Futures.uni(() -> LuaScripts.DELETE_ROOM.run(scripts,
                List.of(keys.meta(id), keys.seq(id), keys.history(id), keys.clientIds(id), keys.presence(id),
                        registryKeys.attachmentIds(id), keys.firstJoins(id), keys.presenceUsers(id),
                        registryKeys.attachmentBytes(id), keys.historyBytes(id), keys.presenceNodes(id)),
                List.of(tokenHash, keys.channel(id), expiredEnvelope(id), keys.attachment(id, ""))))
                .chain(reply -> switch (reply.get(0).toString()) {
                    case "deleted" -> afterDelete(id, reply).replaceWith(DeleteOutcome.DELETED);
                    case "forbidden" -> Uni.createFrom().item(DeleteOutcome.FORBIDDEN);
                    case "gone" -> Uni.createFrom().item(DeleteOutcome.NO_SUCH_ROOM);
                    default -> Uni.createFrom().failure(new IllegalStateException("delete-room.lua said " + reply));
                })
                .onFailure().transform(StorageException::wrap);
    }
}

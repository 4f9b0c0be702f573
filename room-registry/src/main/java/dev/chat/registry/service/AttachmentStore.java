package dev.chat.registry.service;

import java.util.List;

import dev.chat.contract.RegistryKeys;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.chat.contract.RedisKeys;
import dev.chat.contract.RoomMeta;
import dev.chat.registry.config.RegistryConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * Images attached to a room's messages, in Redis next to the room: a hash {@code type}, {@code data}
 * (the raw bytes) that expires at the room's next clear boundary, or with the room if it expires
 * sooner, so a clear takes the images with the history that refers to them. The client's upload
 * rate ({@link RateCounter}) and the total of all rooms ({@link AttachmentTotals}) are checked
 * first, each in its own slot; then one Lua script in the room's slot
 * ({@code lua/registry/store-attachment.lua}) checks that the room still exists and stores the
 * image, or nothing.
 */
@ApplicationScoped
public class AttachmentStore {

    static final String TYPE = "type";
    static final String DATA = "data";

    private static final Logger LOG = Logger.getLogger(AttachmentStore.class);

    private final ReactiveRedisDataSource redis;
    private final Redis client;
    private final RegistryKeys registryKeys;
    private final RedisKeys keys;
    private final AttachmentTotals totals;
    private final int perMinute;
    private final long maxBytesPerRoom;
    private final long maxBytesTotal;

    AttachmentStore(ReactiveRedisDataSource redis, Redis client, RegistryKeys registryKeys, AttachmentTotals totals,
            RegistryConfig config) {
        this.redis = redis;
        this.totals = totals;
        this.client = client;
        this.registryKeys = registryKeys;
        this.keys = registryKeys.shared();
        this.perMinute = config.attachments().perMinute();
        this.maxBytesPerRoom = config.attachments().maxBytesPerRoom();
        this.maxBytesTotal = config.attachments().maxBytesTotal();
    }

    /**
     * @param data          the image, already checked for size and type
     * @param clientAddress who uploads, already reduced to characters safe in a key
     * @param userId        who uploads (from a valid identity token): must be in the room
     */
    public Uni<UploadOutcome> store(String roomId, ImageType type, byte[] data, String clientAddress, String userId) {
        if (!RedisKeys.isValidRoomId(roomId)) {
            return Uni.createFrom().item(new UploadOutcome.NoSuchRoom());
        }
        // The boundary needs the room's createdAt and interval, the expiry its TTL; the script re-checks the room.
        return redis.hash(String.class).hgetall(keys.meta(roomId))
                .chain(hash -> {
                    RoomMeta meta = RoomMeta.fromHash(roomId, hash);
                    return meta == null ? Uni.createFrom().<UploadOutcome>item(new UploadOutcome.NoSuchRoom())
                            : redis.key(String.class).pttl(keys.meta(roomId))
                                    .chain(ttl -> write(meta, ttl, type, data, clientAddress, userId));
                })
                .onFailure().transform(StorageException::wrap);
    }

    /**
     * In steps of one slot each (docs/redis-cluster.md): a unit of the client's upload rate, the
     * bytes in the totals of all rooms, then the image in its room; a refusal gives back what the
     * steps before took.
     */
    private Uni<UploadOutcome> write(RoomMeta meta, long roomTtl, ImageType type, byte[] data, String clientAddress,
            String userId) {
        long now = System.currentTimeMillis();
        long window = now / RoomCreator.WINDOW_MILLIS;
        long windowEnd = (window + 1) * RoomCreator.WINDOW_MILLIS;
        String roomId = meta.id();
        String id = AttachmentIds.next(roomId);
        // lives until the next clear boundary, or until the room expires if that comes first
        long expiresAt = meta.clearSchedule().nextClearAt(now);
        if (roomTtl >= 0) {
            expiresAt = Math.min(expiresAt, now + roomTtl);
        }
        long until = expiresAt;
        String rateKey = registryKeys.uploadRateLimit(clientAddress, window);
        // outlives its window a little: clocks of JVMs and Redis need not agree
        return RateCounter.take(client, rateKey, perMinute, windowEnd - now + RoomCreator.WINDOW_MILLIS)
                .chain(taken -> !taken
                        ? Uni.createFrom().<UploadOutcome>item(
                                new UploadOutcome.RateLimited(Math.max(1, (windowEnd - now + 999) / 1000)))
                        : totals.reserve(id, data.length, until, now, maxBytesTotal).chain(reserved ->
                                "full".equals(reserved.get(0).toString())
                                        ? Uni.createFrom().<UploadOutcome>item(
                                                new UploadOutcome.Full(false, reserved.get(1).toLong(), maxBytesTotal))
                                        : storeInRoom(meta, id, type, data, userId, until, now)
                                                .call(outcome -> outcome instanceof UploadOutcome.Stored
                                                        ? Uni.createFrom().voidItem()
                                                        : totals.release(List.of(id))))
                                .call(outcome -> outcome instanceof UploadOutcome.Stored
                                        ? Uni.createFrom().voidItem() : RateCounter.giveBack(client, rateKey)));
    }

    private Uni<UploadOutcome> storeInRoom(RoomMeta meta, String id, ImageType type, byte[] data, String userId,
            long expiresAt, long now) {
        String roomId = meta.id();
        Request request = Request.cmd(Command.EVAL).arg(LuaScripts.STORE_ATTACHMENT).arg(5)
                .arg(keys.meta(roomId))
                .arg(keys.attachment(roomId, id))
                .arg(registryKeys.attachmentIds(roomId))
                .arg(keys.presenceUsers(roomId))
                .arg(registryKeys.attachmentBytes(roomId))
                .arg(id)
                .arg(type.mimeType())
                .arg(data) // binary: bytes as they are, not a string
                .arg(expiresAt)
                .arg(userId)
                .arg(maxBytesPerRoom)
                .arg(data.length)
                .arg(now);
        return Futures.uni(() -> client.send(request)).map(reply -> switch (reply.get(0).toString()) {
            case "stored" -> {
                LOG.debugf("stored attachment %s (%s, %d bytes)", id, type.mimeType(), data.length);
                yield new UploadOutcome.Stored(id, type, data.length);
            }
            case "gone" -> new UploadOutcome.NoSuchRoom();
            case "not_member" -> new UploadOutcome.NotMember();
            case "room_full" -> new UploadOutcome.Full(true, reply.get(1).toLong(), maxBytesPerRoom);
            default -> throw new IllegalStateException("store-attachment.lua said " + reply);
        });
    }

    /** Empty when the id is malformed or the attachment is gone (cleared, expired, deleted). */
    public Uni<Optional<StoredAttachment>> load(String attachmentId) {
        String roomId = RedisKeys.roomOfAttachment(attachmentId);
        if (roomId == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        Request request = Request.cmd(Command.HMGET).arg(keys.attachment(roomId, attachmentId)).arg(TYPE).arg(DATA);
        return Futures.uni(() -> client.send(request))
                .map(AttachmentStore::attachment)
                .onFailure().transform(StorageException::wrap);
    }

    private static Optional<StoredAttachment> attachment(Response reply) {
        Response type = reply.get(0);
        Response data = reply.get(1);
        if (type == null || data == null) {
            return Optional.empty();
        }
        return Optional.of(new StoredAttachment(type.toString(), data.toBytes()));
    }
}

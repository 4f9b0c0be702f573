package dev.chat.registry.service;

import dev.chat.contract.RegistryKeys;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;

/**
 * The bytes of images all rooms hold, for {@code chat.attachments.max-bytes-total}: three keys in
 * one slot ({@code {attachments}}), apart from the rooms. An upload reserves its bytes here before
 * it stores the image in its room and releases them when the room refuses; an entry counts until
 * its expiry at the latest, so a reservation whose upload stopped half-way ends by itself.
 */
@ApplicationScoped
public class AttachmentTotals {

    private final Redis redis;
    private final RegistryKeys keys;

    AttachmentTotals(Redis redis, RegistryKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** {'reserved'} or {'full', bytes held}. */
    Uni<Response> reserve(String attachmentId, long size, long expiresAt, long now, long maxTotal) {
        return Futures.uni(() -> LuaScripts.RESERVE_ATTACHMENT.run(redis, totals(), List.of(attachmentId,
                Long.toString(size), Long.toString(expiresAt), Long.toString(now), Long.toString(maxTotal))));
    }

    /** Idempotent: ids no longer counted change nothing. */
    Uni<Void> release(List<String> attachmentIds) {
        if (attachmentIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Futures.uni(() -> LuaScripts.RELEASE_ATTACHMENTS.run(redis, totals(), attachmentIds)).replaceWithVoid();
    }

    private List<String> totals() {
        return List.of(keys.attachmentBytesTotal(), keys.attachmentExpiries(), keys.attachmentSizes());
    }
}

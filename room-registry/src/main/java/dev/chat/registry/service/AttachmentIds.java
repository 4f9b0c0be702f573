package dev.chat.registry.service;

import java.security.SecureRandom;
import java.util.Base64;

import dev.chat.contract.RedisKeys;

/**
 * New attachment ids: {@code <room id>.<22 url-safe characters>} (128 random bits), the form
 * {@link RedisKeys#ATTACHMENT_ID} expects, so the room, and with it the hash slot, is known from
 * the id alone. Unguessable, so an image is only seen by those given its id; never reused, so its
 * URL may be cached forever.
 */
public final class AttachmentIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private AttachmentIds() {
    }

    public static String next(String roomId) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return roomId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

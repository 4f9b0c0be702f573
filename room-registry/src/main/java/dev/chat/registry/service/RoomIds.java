package dev.chat.registry.service;

import java.security.SecureRandom;

import dev.chat.contract.RedisKeys;

/**
 * New room ids: 10 random base32 characters (50 bits), lower case so they match
 * {@link RedisKeys#ROOM_ID} and read well in a URL. Unguessable enough that a room's link is
 * not found by enumeration; a collision is still checked by the creation script.
 */
public final class RoomIds {

    public static final int LENGTH = 10;

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private RoomIds() {
    }

    public static String next() {
        char[] id = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }
}

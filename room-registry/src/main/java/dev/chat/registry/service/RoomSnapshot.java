package dev.chat.registry.service;

import java.util.Map;

import dev.chat.contract.RoomMeta;

/**
 * What one pipelined read returns about a room: its meta hash (empty when the room is gone), the
 * meta key's PTTL and the count of users present on nodes that have not lapsed.
 */
record RoomSnapshot(String id, Map<String, String> hash, long pttlMillis, long users) {

    boolean exists() {
        return !hash.isEmpty();
    }

    /** Null when the hash is missing or not one the services wrote. */
    RoomMeta meta() {
        return RoomMeta.fromHash(id, hash);
    }
}

package dev.chat.registry.mapping;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The {@code <room>} object of the REST contract (docs/protocol.md). Null fields are written as
 * {@code null}, not left out: the contract lists them for every room.
 */
@JsonPropertyOrder({ "id", "name", "clearIntervalSeconds", "expirySeconds", "users", "createdAt", "nextClearAt",
        "expiresAt" })
public record RoomView(String id, String name, long clearIntervalSeconds, Long expirySeconds, long users,
        long createdAt, long nextClearAt, Long expiresAt) {
}

package dev.chat.cli.net;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A {@code <room>} of the REST API (docs/protocol.md), as the client shows it.
 *
 * @param expirySeconds null for a room that never expires (General)
 * @param expiresAt null for a room that never expires
 */
public record RoomInfo(String id, String name, long clearIntervalSeconds, Long expirySeconds, long users,
        long nextClearAt, Long expiresAt) {

    /** Null when {@code node} is not a room object. */
    public static RoomInfo from(JsonNode node) {
        if (node == null || !node.path("id").isTextual() || !node.path("name").isTextual()) {
            return null;
        }
        return new RoomInfo(node.get("id").asText(), node.get("name").asText(),
                node.path("clearIntervalSeconds").asLong(0), optionalLong(node.get("expirySeconds")),
                node.path("users").asLong(0), node.path("nextClearAt").asLong(0), optionalLong(node.get("expiresAt")));
    }

    private static Long optionalLong(JsonNode value) {
        return value == null || !value.isNumber() ? null : value.asLong();
    }
}

package dev.chat.registry.mapping;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * The answer to a creation: the room plus the owner token, which is shown this once and never
 * stored (only its hash is), so it cannot leak through any other endpoint.
 */
public record CreatedRoomView(@JsonUnwrapped RoomView room, String ownerToken) {
}

package dev.chat.registry.service;

import dev.chat.registry.mapping.RoomView;

/** How a creation ended; the REST layer turns each case into its status code. */
public sealed interface CreateOutcome {

    record Created(RoomView room, String ownerToken) implements CreateOutcome {
    }

    record NameTaken(String name) implements CreateOutcome {
    }

    record RateLimited(long retryAfterSeconds) implements CreateOutcome {
    }

    /** The chat has as many live rooms as it may ({@code chat.rooms.max-live}, General included). */
    record Full(int maxLive) implements CreateOutcome {
    }
}

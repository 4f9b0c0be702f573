package dev.chat.registry.service;

/** How a deletion ended; the REST layer turns each case into its status code. */
public enum DeleteOutcome {
    DELETED,
    NO_SUCH_ROOM,
    FORBIDDEN
}

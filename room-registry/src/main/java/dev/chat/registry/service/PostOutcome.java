package dev.chat.registry.service;

/** How posting a message ended; the REST layer turns each case into its status code. */
public sealed interface PostOutcome {

    /** @param id the message id, the next of the room's sequence */
    record Posted(long id) implements PostOutcome {
    }

    record NoSuchRoom() implements PostOutcome {
    }
}

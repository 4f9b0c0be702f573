package dev.chat.registry.service;

import java.util.List;

/** How a history read ended; the REST layer turns each case into its status code. */
public sealed interface HistoryOutcome {

    /** @param frames the stored {@code message} frames, newest first, exactly as the nodes sent them */
    record Page(List<String> frames) implements HistoryOutcome {
    }

    record NoSuchRoom() implements HistoryOutcome {
    }

    /** The room hides its history from newcomers and the request did not prove its user was there. */
    record Forbidden(String reason) implements HistoryOutcome {
    }
}

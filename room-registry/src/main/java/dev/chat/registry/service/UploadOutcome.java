package dev.chat.registry.service;

/** How an attachment upload ended; the REST layer turns each case into its status code. */
public sealed interface UploadOutcome {

    record Stored(String id, ImageType type, int size) implements UploadOutcome {
    }

    record NoSuchRoom() implements UploadOutcome {
    }

    record RateLimited(long retryAfterSeconds) implements UploadOutcome {
    }
}

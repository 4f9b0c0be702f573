package dev.chat.registry.service;

/** How an attachment upload ended; the REST layer turns each case into its status code. */
public sealed interface UploadOutcome {

    record Stored(String id, ImageType type, int size) implements UploadOutcome {
    }

    record NoSuchRoom() implements UploadOutcome {
    }

    record RateLimited(long retryAfterSeconds) implements UploadOutcome {
    }

    /** The uploader is not in the room. */
    record NotMember() implements UploadOutcome {
    }

    /**
     * A cap on stored images is reached: the room's ({@code perRoom}) or everyone's.
     *
     * @param held the bytes already held under that cap
     */
    record Full(boolean perRoom, long held, long cap) implements UploadOutcome {
    }
}

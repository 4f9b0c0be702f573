package dev.chat.registry.service;

/**
 * Redis failed or did not answer. Kept apart from programming errors so the API can say "try
 * again" (503) for it and "bug" (500) for the rest.
 */
public class StorageException extends RuntimeException {

    public StorageException(Throwable cause) {
        super("Redis failed: " + cause.getMessage(), cause);
    }

    /** Leaves the registry's own refusals alone; wraps everything else. */
    public static Throwable wrap(Throwable failure) {
        return failure instanceof InvalidRequestException || failure instanceof StorageException ? failure
                : new StorageException(failure);
    }
}

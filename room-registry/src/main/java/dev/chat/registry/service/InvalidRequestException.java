package dev.chat.registry.service;

/**
 * A request the registry refuses before touching Redis; {@code field} names the offending JSON
 * field so a form can point at it (null when the body as a whole is wrong).
 */
public class InvalidRequestException extends RuntimeException {

    private final String field;

    public InvalidRequestException(String message, String field) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}

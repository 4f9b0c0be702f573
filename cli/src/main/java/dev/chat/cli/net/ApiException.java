package dev.chat.cli.net;

/**
 * A refusal or failure of the REST API, carrying the server's own sentence ({@code {"error":...}})
 * so the user reads what the server said; {@code status} is 0 when the server could not be reached.
 */
public final class ApiException extends RuntimeException {

    private final int status;

    public ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}

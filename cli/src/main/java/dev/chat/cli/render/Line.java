package dev.chat.cli.render;

/** One line for the screen; {@code kind} lets the terminal style it (system lines dimmed, errors red). */
public record Line(Kind kind, String text) {

    public enum Kind {
        /** A chat message. */
        MESSAGE,
        /** Someone joined or left. */
        NOTICE,
        /** What the client itself says: headers, lists, state changes. */
        INFO,
        /** Something did not work. */
        ERROR
    }
}

package dev.chat.contract;

/**
 * The characters a name shown to others may not hold, the same for people's display names and
 * room names: control characters, format characters (the bidi overrides and isolates that turn
 * text around, zero-width joiners and spaces that make two names look alike), line and paragraph
 * separators, and lone surrogates.
 */
public final class DisplayNames {

    private DisplayNames() {
    }

    public static boolean forbidden(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE;
    }

    /** Whether the name holds a character of {@link #forbidden}. */
    public static boolean hasForbidden(String name) {
        return name.codePoints().anyMatch(DisplayNames::forbidden);
    }
}

package dev.chat.contract;

/**
 * What a message's text may hold, the same for members ({@code send}) and integrations (the
 * registry's message endpoint). Control characters other than newline and tab are refused: they
 * show as nothing, and JSON writes each as six characters ({@code \u0001}), so a history of them
 * would weigh six times its length in every {@code joined}.
 */
public final class MessageText {

    private MessageText() {
    }

    /** The first refused character's index, or -1 when the text may be stored. */
    public static int firstControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                return i;
            }
        }
        return -1;
    }

    /** The refusal to show, or null when the text has no refused character. */
    public static String controlCharacterProblem(String text) {
        int at = firstControlCharacter(text);
        return at < 0 ? null
                : String.format("text must not contain control characters other than newline and tab (U+%04X at %d)",
                        (int) text.charAt(at), at);
    }
}

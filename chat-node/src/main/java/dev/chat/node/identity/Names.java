package dev.chat.node.identity;

import dev.chat.contract.DisplayNames;

/**
 * The rule for display names (the same as for room names): 1 to 40 visible characters after
 * trimming, none of {@link DisplayNames#forbidden} (control, format, bidi, separators).
 */
public final class Names {

    public static final int MAX_LENGTH = 40;

    private Names() {
    }

    /** @return null when the name is acceptable as it is, otherwise what is wrong with it */
    public static String validate(String name) {
        if (name == null) {
            return "name is required";
        }
        if (!name.equals(name.strip())) {
            return "name must not start or end with white space";
        }
        if (name.isEmpty()) {
            return "name must not be empty";
        }
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            return "name must be at most " + MAX_LENGTH + " characters";
        }
        if (DisplayNames.hasForbidden(name)) {
            return "name must not contain control characters";
        }
        return null;
    }
}

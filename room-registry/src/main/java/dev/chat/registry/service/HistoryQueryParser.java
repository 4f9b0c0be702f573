package dev.chat.registry.service;

/**
 * Reads the query of {@code GET /api/rooms/{id}/messages} ({@code before}, {@code limit}) with
 * the configured page sizes, refusing anything else with the API's 400 naming the parameter:
 * nothing malformed reaches Redis.
 */
public class HistoryQueryParser {

    public static final String BEFORE = "before";
    public static final String LIMIT = "limit";

    /** Message ids are positive decimals that fit a long: at most 19 digits. */
    private static final int MAX_ID_DIGITS = 19;

    private final int defaultLimit;
    private final int maxLimit;

    public HistoryQueryParser(int defaultLimit, int maxLimit) {
        if (maxLimit < 1 || defaultLimit < 1 || defaultLimit > maxLimit) {
            throw new IllegalArgumentException("chat.history.page-size (" + defaultLimit
                    + ") must be from 1 to chat.history.max-page-size (" + maxLimit + ")");
        }
        this.defaultLimit = defaultLimit;
        this.maxLimit = maxLimit;
    }

    /** @param before, limit as sent, null when absent */
    public HistoryQuery parse(String before, String limit) {
        Long beforeId = null;
        if (before != null) {
            beforeId = positive(before, MAX_ID_DIGITS);
            if (beforeId == null) {
                throw new InvalidRequestException("before must be a message id (a positive whole number)", BEFORE);
            }
        }
        int size = defaultLimit;
        if (limit != null) {
            Long parsed = positive(limit, Integer.toString(maxLimit).length());
            if (parsed == null || parsed > maxLimit) {
                throw new InvalidRequestException("limit must be a whole number from 1 to " + maxLimit, LIMIT);
            }
            size = parsed.intValue();
        }
        return new HistoryQuery(beforeId, size);
    }

    /** Null unless {@code value} is 1 to {@code maxDigits} ASCII digits without a leading zero, within a long. */
    private static Long positive(String value, int maxDigits) {
        if (value.isEmpty() || value.length() > maxDigits || value.charAt(0) == '0') {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return null;
            }
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null; // 19 digits above Long.MAX_VALUE
        }
    }
}

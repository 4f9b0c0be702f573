package dev.chat.node.limits;

import java.util.List;

/**
 * The most history one reply ({@code joined}, fresh or resuming) may carry. A reply is queued
 * whole for its client, so one over {@code chat.limits.max-outbound-bytes} would cut the newcomer
 * off (1008) before it read a byte, and every newcomer after it, until the next clear. The newest
 * messages that fit are kept and the oldest dropped; the reply then says it was trimmed. Sizes
 * are counted in characters, as the outbound bound counts them.
 */
public final class HistoryBudget {

    /**
     * @param frames  the newest frames that fit, oldest first
     * @param trimmed whether older frames were left out
     */
    public record Fitted(List<String> frames, boolean trimmed) {
    }

    private final long maxChars;

    /** @param maxOutbound the outbound bound, which the budget must stay under (a reply shares it with live messages) */
    public HistoryBudget(long maxChars, long maxOutbound) {
        if (maxChars < 1 || maxChars >= maxOutbound) {
            throw new IllegalArgumentException("chat.limits.max-history-reply-bytes (" + maxChars
                    + ") must be positive and below chat.limits.max-outbound-bytes (" + maxOutbound + ")");
        }
        this.maxChars = maxChars;
    }

    /** @param oldestFirst the frames of the history, oldest first */
    public Fitted fit(List<String> oldestFirst) {
        long total = 0;
        int from = oldestFirst.size();
        while (from > 0) {
            long size = oldestFirst.get(from - 1).length() + 1L; // and its comma
            if (total + size > maxChars) {
                break;
            }
            total += size;
            from--;
        }
        return from == 0 ? new Fitted(oldestFirst, false)
                : new Fitted(List.copyOf(oldestFirst.subList(from, oldestFirst.size())), true);
    }
}

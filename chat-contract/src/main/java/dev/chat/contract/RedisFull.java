package dev.chat.contract;

/**
 * Recognises Redis refusing a write because it is full ({@code maxmemory} reached under the
 * {@code noeviction} policy every deployment uses: nothing already stored is evicted), so the
 * services can say "full, try later" rather than only "unavailable".
 */
public final class RedisFull {

    private RedisFull() {
    }

    public static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message != null && (message.startsWith("OOM") || message.contains(" OOM command not allowed"))) {
                return true;
            }
        }
        return false;
    }
}

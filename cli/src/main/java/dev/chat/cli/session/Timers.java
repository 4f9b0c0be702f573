package dev.chat.cli.session;

/** Delayed work on the client's loop thread; a manual clock in tests. */
public interface Timers {

    /** Runs {@code task} after {@code delayMs}; the returned action cancels it if it has not run. */
    Runnable after(long delayMs, Runnable task);
}

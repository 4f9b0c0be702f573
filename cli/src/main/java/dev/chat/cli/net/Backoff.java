package dev.chat.cli.net;

import java.util.function.DoubleSupplier;

/**
 * Reconnect delays as the page computes them (frontend/js/backoff.js): exponential backoff with
 * full jitter, a uniformly random delay between 0 and {@code min(cap, base * 2^attempt)}, so that
 * clients cut off by the same failure do not all come back at the same instant.
 */
public final class Backoff {

    public static final long DEFAULT_BASE_MS = 500;
    public static final long DEFAULT_CAP_MS = 15_000;

    private final long baseMs;
    private final long capMs;
    private final DoubleSupplier random;
    private int attempt;

    public Backoff(long baseMs, long capMs, DoubleSupplier random) {
        if (baseMs <= 0 || capMs < baseMs) {
            throw new IllegalArgumentException("need 0 < base <= cap");
        }
        this.baseMs = baseMs;
        this.capMs = capMs;
        this.random = random;
    }

    /** The upper bound of the delay before retry number {@code attempt} (0 for the first). */
    public long ceiling(int attempt) {
        int exponent = Math.min(Math.max(0, attempt), 30); // 2^30 * base is far above any cap
        return Math.min(capMs, baseMs << exponent);
    }

    /** The next delay in milliseconds; counts the attempt. */
    public long next() {
        long delay = (long) Math.floor(random.getAsDouble() * ceiling(attempt));
        attempt++;
        return delay;
    }

    /** Starts over: call it once a connection has really succeeded (the server said welcome). */
    public void reset() {
        attempt = 0;
    }

    public int attempt() {
        return attempt;
    }
}

package dev.chat.bench.load;

import java.time.Instant;

/**
 * Wall-clock microseconds: send and receive happen in different processes of one machine, so the
 * stamp in a text must be a clock all of them share (System.nanoTime is per process).
 */
public final class Clock {

    private Clock() {
    }

    public static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}

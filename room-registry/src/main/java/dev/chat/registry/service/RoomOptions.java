package dev.chat.registry.service;

import java.time.Duration;
import java.util.List;

/**
 * The clear intervals and expiries a creator may choose, in seconds, sorted and without
 * duplicates; also the body of {@code GET /api/rooms/options}. Built once from the configuration,
 * which is refused at start when a value is not a positive whole number of seconds.
 */
public record RoomOptions(List<Long> clearIntervals, List<Long> expiries) {

    public RoomOptions {
        clearIntervals = List.copyOf(clearIntervals);
        expiries = List.copyOf(expiries);
    }

    public static RoomOptions of(List<Duration> clearIntervals, List<Duration> expiries) {
        return new RoomOptions(seconds("chat.rooms.clear-intervals", clearIntervals),
                seconds("chat.rooms.expiries", expiries));
    }

    /** Whole seconds of a duration, refusing what Redis expiry and the contract cannot express. */
    public static long wholeSeconds(String key, Duration duration) {
        if (duration.isNegative() || duration.isZero() || duration.toNanosPart() != 0) {
            throw new IllegalArgumentException(key + " must be a positive whole number of seconds: " + duration);
        }
        return duration.toSeconds();
    }

    private static List<Long> seconds(String key, List<Duration> durations) {
        if (durations.isEmpty()) {
            throw new IllegalArgumentException(key + " must not be empty");
        }
        return durations.stream().map(d -> wholeSeconds(key, d)).distinct().sorted().toList();
    }
}

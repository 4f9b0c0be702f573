package dev.chat.bench.load;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;

import org.HdrHistogram.Histogram;

/**
 * Histograms of microseconds as the generator keeps them, and how they travel between a worker
 * process and the coordinator (compressed, base64) and end up in a result (milliseconds).
 */
public final class Percentiles {

    /** Up to 10 minutes, 3 significant digits. */
    public static Histogram micros() {
        return new Histogram(600_000_000L, 3);
    }

    private Percentiles() {
    }

    public static void record(Histogram histogram, long micros) {
        histogram.recordValue(Math.max(0, Math.min(micros, histogram.getHighestTrackableValue())));
    }

    /**
     * A periodic check that came {@code lateMicros} late, its period being {@code periodMicros}: a
     * stall of a whole second is one late tick, but every tick due meanwhile was late too, by less
     * and less; they are recorded as well (HdrHistogram's correction for coordinated omission), so
     * that the percentiles count time stalled, not ticks that managed to run.
     */
    public static void recordLate(Histogram histogram, long lateMicros, long periodMicros) {
        histogram.recordValueWithExpectedInterval(Math.max(0, Math.min(lateMicros, histogram.getHighestTrackableValue())),
                periodMicros);
    }

    public static String encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    }

    public static Histogram decode(String encoded) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(encoded)), 0);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("not an encoded histogram", e);
        }
    }

    /** p50, p90, p99, p99.9, max in milliseconds, and the count; empty when nothing was recorded. */
    public static Map<String, Object> millis(Histogram histogram) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (histogram.getTotalCount() == 0) {
            out.put("count", 0L);
            return out;
        }
        out.put("p50", ms(histogram.getValueAtPercentile(50)));
        out.put("p90", ms(histogram.getValueAtPercentile(90)));
        out.put("p99", ms(histogram.getValueAtPercentile(99)));
        out.put("p999", ms(histogram.getValueAtPercentile(99.9)));
        out.put("max", ms(histogram.getMaxValue()));
        out.put("count", histogram.getTotalCount());
        return out;
    }

    public static double p99Millis(Histogram histogram) {
        return histogram.getTotalCount() == 0 ? 0 : ms(histogram.getValueAtPercentile(99));
    }

    private static double ms(long micros) {
        return Math.round(micros / 100.0) / 10.0;
    }
}

package dev.chat.bench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A base-10 logarithmic y axis from whole decade to whole decade. Latencies span 1 ms to over a
 * second within one chart, and on a linear axis the p50 bars would be invisible next to p99.9.
 */
final class LogScale {

    private static final double SMALLEST = 0.01;

    private final double low;
    private final double high;
    private final double bottom;
    private final double top;

    private LogScale(double low, double high, double bottom, double top) {
        this.low = low;
        this.high = high;
        this.bottom = bottom;
        this.top = top;
    }

    /** Decades covering the positive values from {@code minPositive} to {@code max}; 1..1000 when there are none. */
    static LogScale covering(double minPositive, double max, double bottom, double top) {
        if (!(minPositive > 0) || !(max > 0) || !Double.isFinite(minPositive) || !Double.isFinite(max)) {
            return new LogScale(1, 1000, bottom, top);
        }
        double low = Math.pow(10, Math.floor(Math.log10(minPositive)));
        // a value sitting on the decade (1.0 ms) would be a bar of no height: start one decade lower
        if (minPositive < low * 1.5) {
            low /= 10;
        }
        low = Math.max(SMALLEST, low);
        double high = Math.pow(10, Math.ceil(Math.log10(max)));
        if (high <= low) {
            high = low * 10;
        }
        return new LogScale(low, high, bottom, top);
    }

    double low() {
        return low;
    }

    /** The pixel y of a value; values outside the axis (0 included) are drawn at its ends. */
    double y(double value) {
        double clamped = Math.min(high, Math.max(low, value));
        double fraction = (Math.log10(clamped) - Math.log10(low)) / (Math.log10(high) - Math.log10(low));
        return bottom - fraction * (bottom - top);
    }

    List<Double> decades() {
        List<Double> out = new ArrayList<>();
        for (double v = low; v <= high * 1.0001; v *= 10) {
            out.add(v);
        }
        return out;
    }

    /** 2 and 5 times each decade: light grid lines that make the log axis readable. */
    List<Double> minorTicks() {
        List<Double> out = new ArrayList<>();
        for (double decade : decades()) {
            for (double factor : new double[] {2, 5}) {
                if (decade * factor < high) {
                    out.add(decade * factor);
                }
            }
        }
        return out;
    }
}

package dev.chat.bench.report;

import java.util.Locale;

/**
 * How figures are written in the tables and charts. Fixed rules (Locale.ROOT, "," between
 * thousands, "." for decimals) keep the generated document byte-identical for the same results,
 * whatever machine renders it; "–" marks a figure the scenario did not measure.
 */
final class NumberFormats {

    static final String MISSING = "–";

    private NumberFormats() {
    }

    /** Milliseconds: one decimal under 100 (where it matters), whole numbers above. */
    static String ms(Double value) {
        return oneDecimalUnder100(value);
    }

    /** Seconds: like milliseconds, but a whole number of seconds (a setting, usually) has no decimal. */
    static String seconds(Double value) {
        return value != null && value == Math.rint(value) ? whole(value) : oneDecimalUnder100(value);
    }

    /** Per-second rates and counts of deliveries: whole numbers with thousands separators; small fractional rates keep one decimal. */
    static String rate(Double value) {
        if (value == null) {
            return MISSING;
        }
        if (Math.abs(value) >= 100 || value == Math.rint(value)) {
            return whole(value);
        }
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** Counts: whole numbers with thousands separators. */
    static String count(Double value) {
        return value == null ? MISSING : whole(value);
    }

    /** Percentages, CPU seconds and MiB: one decimal, thousands separated. */
    static String oneDecimal(Double value) {
        return value == null ? MISSING : String.format(Locale.ROOT, "%,.1f", value);
    }

    static String oneDecimalUnder100(Double value) {
        if (value == null) {
            return MISSING;
        }
        // round first, so 99.96 becomes "100" rather than "100.0"
        double rounded = Math.round(value * 10) / 10.0;
        if (Math.abs(rounded) < 100) {
            return String.format(Locale.ROOT, "%.1f", rounded);
        }
        return whole(value);
    }

    /** Axis tick labels: as short as the tick step allows. */
    static String tick(double value, double step) {
        if (step >= 1 || value == Math.rint(value)) {
            return whole(value);
        }
        int decimals = (int) Math.ceil(-Math.log10(step));
        return String.format(Locale.ROOT, "%." + Math.max(1, decimals) + "f", value);
    }

    private static String whole(double value) {
        return String.format(Locale.ROOT, "%,d", Math.round(value));
    }
}

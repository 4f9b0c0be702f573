package dev.chat.bench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A linear y axis from 0 to a round number, with ticks at 1, 2 or 5 times a power of ten, so
 * tick labels are figures a reader can compare at a glance.
 */
final class LinearScale {

    private final double max;
    private final double step;
    private final double bottom;
    private final double top;

    private LinearScale(double max, double step, double bottom, double top) {
        this.max = max;
        this.step = step;
        this.bottom = bottom;
        this.top = top;
    }

    /** About five ticks from 0 to at least {@code maxValue}; 0..1 when there is nothing to show. */
    static LinearScale covering(double maxValue, double bottom, double top) {
        if (!(maxValue > 0) || !Double.isFinite(maxValue)) {
            return new LinearScale(1, 0.2, bottom, top);
        }
        double rough = maxValue / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double fraction = rough / magnitude;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        double step = nice * magnitude;
        return new LinearScale(Math.ceil(maxValue / step - 1e-9) * step, step, bottom, top);
    }

    double y(double value) {
        double clamped = Math.min(max, Math.max(0, value));
        return bottom - clamped / max * (bottom - top);
    }

    double step() {
        return step;
    }

    List<Double> ticks() {
        List<Double> out = new ArrayList<>();
        int count = (int) Math.round(max / step);
        for (int i = 0; i <= count; i++) {
            out.add(i * step);
        }
        return out;
    }
}

package dev.chat.bench.report;

import java.util.List;
import java.util.function.DoubleFunction;
import java.util.function.DoubleUnaryOperator;

/**
 * Pieces both charts draw the same way (grid and tick labels, scenario labels, legend), so the
 * two charts look like one set.
 */
final class ChartParts {

    static final String GRID = "#dddddd";
    static final String MINOR_GRID = "#f0f0f0";
    static final String AXIS = "#444444";

    /** A legend entry; hatched entries show the "before" style. */
    record LegendEntry(String label, String fill, boolean hatched) {
    }

    /** The plot area of one chart panel, in pixels. */
    record Plot(double left, double right, double top, double bottom) {
        double width() {
            return right - left;
        }

        /** The centre of the {@code index}th of {@code count} equal groups along the x axis. */
        double groupCenter(int index, int count) {
            return left + width() * (index + 0.5) / count;
        }

        double groupWidth(int count) {
            return width() / Math.max(1, count);
        }
    }

    private ChartParts() {
    }

    /** Horizontal grid lines with tick labels on the left, the y axis title, and the x axis line. */
    static void yAxis(Svg svg, Plot plot, List<Double> ticks, DoubleUnaryOperator toY, DoubleFunction<String> label,
            String title) {
        for (double tick : ticks) {
            double y = toY.applyAsDouble(tick);
            svg.line(plot.left(), y, plot.right(), y, GRID, 1);
            svg.text(plot.left() - 6, y + 4, label.apply(tick), "end", 11, false);
        }
        svg.line(plot.left(), plot.top(), plot.left(), plot.bottom(), AXIS, 1);
        svg.line(plot.left(), plot.bottom(), plot.right(), plot.bottom(), AXIS, 1);
        double middle = (plot.top() + plot.bottom()) / 2;
        svg.text(plot.left() - 52, middle, title, "middle", 12, false, -90);
    }

    static void minorGrid(Svg svg, Plot plot, List<Double> ticks, DoubleUnaryOperator toY) {
        for (double tick : ticks) {
            double y = toY.applyAsDouble(tick);
            svg.line(plot.left(), y, plot.right(), y, MINOR_GRID, 1);
        }
    }

    /** Scenario names under their groups, slanted when they would not fit side by side. */
    static void scenarioLabels(Svg svg, Plot plot, List<String> names) {
        int count = names.size();
        int longest = names.stream().mapToInt(String::length).max().orElse(0);
        // about 7 px per character at 12 px
        boolean slant = longest * 7 + 8 > plot.groupWidth(count);
        for (int i = 0; i < count; i++) {
            double x = plot.groupCenter(i, count);
            if (slant) {
                svg.text(x, plot.bottom() + 16, names.get(i), "end", 12, false, -30);
            } else {
                svg.text(x, plot.bottom() + 18, names.get(i), "middle", 12, false);
            }
        }
    }

    /** Entries left to right from {@code x}, baseline {@code y}. */
    static void legend(Svg svg, double x, double y, List<LegendEntry> entries) {
        double cursor = x;
        for (LegendEntry entry : entries) {
            if (entry.hatched()) {
                svg.hatchedRect(cursor, y - 10, 12, 12, entry.fill(), null);
            } else {
                svg.rect(cursor, y - 10, 12, 12, entry.fill(), null);
            }
            svg.text(cursor + 16, y, entry.label(), "start", 12, false);
            cursor += 16 + entry.label().length() * 7 + 18;
        }
    }
}

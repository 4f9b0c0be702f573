package dev.chat.node.metrics;

/** Reads one series out of Prometheus' text format. */
public final class Scrape {

    private Scrape() {
    }

    /**
     * @param series the name with its labels as written, e.g. {@code chat_errors_total{code="busy"}}
     *               (Prometheus' simple client ends the label list with a comma: it is ignored here)
     */
    public static double value(String scrape, String series) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            if (space > 0 && line.substring(0, space).replace(",}", "}").equals(series)) {
                return Double.parseDouble(line.substring(space + 1));
            }
        }
        throw new AssertionError("no series " + series + " in:\n" + scrape);
    }
}

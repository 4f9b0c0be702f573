package dev.chat.bench.report;

import java.util.List;

/**
 * Says, per scenario, what may make its figures wrong: the generator's own warnings and, above
 * all, a saturated generator, whose figures measure the generator instead of the server. Kept
 * next to the table so nobody quotes a figure without seeing its caveat.
 */
final class WarningsSection {

    static final String SATURATED = "the load generator was saturated: the figures of this scenario are limited by the generator, not by the server.";

    private WarningsSection() {
    }

    /** A blockquote naming the saturated scenarios; empty when there is none. */
    static String saturationCallout(List<ScenarioResult> scenarios) {
        StringBuilder out = new StringBuilder();
        for (ScenarioResult r : scenarios) {
            if (r.generatorSaturated()) {
                out.append("> **").append(MarkdownText.escape(r.name())).append("**: ").append(SATURATED).append('\n');
            }
        }
        return out.toString();
    }

    /** A bullet list per scenario with warnings; a plain sentence when there are none. */
    static String render(List<ScenarioResult> scenarios) {
        StringBuilder out = new StringBuilder();
        for (ScenarioResult r : scenarios) {
            List<String> warnings = r.warnings();
            if (warnings.isEmpty() && !r.generatorSaturated()) {
                continue;
            }
            out.append("- **").append(MarkdownText.escape(r.name())).append("**\n");
            if (r.generatorSaturated()) {
                out.append("  - **Generator saturated**: the figures of this scenario are limited by the generator, not by the server.\n");
            }
            for (String warning : warnings) {
                out.append("  - ").append(MarkdownText.escape(warning)).append('\n');
            }
        }
        return out.length() == 0 ? "No warnings: the generator kept up in every scenario.\n" : out.toString();
    }
}

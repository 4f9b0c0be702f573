package dev.chat.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Chart links must work from wherever the markdown file lives, as GitHub resolves them. */
class RelativeLinkTest {

    @Test
    void linksFromTheDocsFolderToTheResults() {
        Path root = Path.of("/repo");
        assertEquals("../bench/results/after/latency.svg",
                RelativeLink.from(root.resolve("docs"), root.resolve("bench/results/after/latency.svg")));
    }

    @Test
    void linksWithinTheSameFolderAreJustTheName() {
        Path after = Path.of("/repo/bench/results/after");
        assertEquals("latency.svg", RelativeLink.from(after, after.resolve("latency.svg")));
    }

    @Test
    void spacesAndParenthesesAreEncoded() {
        assertEquals("my%20results%281%29/x.svg",
                RelativeLink.from(Path.of("/r"), Path.of("/r/my results(1)/x.svg")));
    }
}

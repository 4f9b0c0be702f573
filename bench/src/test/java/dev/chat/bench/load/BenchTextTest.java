package dev.chat.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class BenchTextTest {

    @Test
    void aTextCarriesItsStampAndHasTheRequestedSize() {
        String text = BenchText.of("run1", 7, 42, 1_764_000_000_123_456L, 100);
        assertEquals(100, text.length());
        assertEquals(new BenchText.Stamp(7, 42, 1_764_000_000_123_456L), BenchText.parse(text, "run1"));
    }

    @Test
    void aShortSizeStillKeepsTheWholeStamp() {
        String text = BenchText.of("r", 1, 2, 3, 1);
        assertEquals(new BenchText.Stamp(1, 2, 3), BenchText.parse(text, "r"));
    }

    @Test
    void otherRunsAndPeopleAreIgnored() {
        String text = BenchText.of("run1", 7, 42, 5, 60);
        assertNull(BenchText.parse(text, "run2"));
        assertNull(BenchText.parse(text, "run"), "a run id that is a prefix of another is not the same run");
        assertNull(BenchText.parse("hello", "run1"));
        assertNull(BenchText.parse("~b run1 x y z ", "run1"));
        assertNull(BenchText.parse("~b run1 1 2", "run1"));
        assertNull(BenchText.parse(null, "run1"));
    }
}

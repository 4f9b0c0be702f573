package dev.chat.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The number rules the tables rely on: one decimal for small milliseconds, separators for rates, a dash for missing figures. */
class NumberFormatsTest {

    @Test
    void millisecondsHaveOneDecimalUnder100AndNoneAbove() {
        assertEquals("12.0", NumberFormats.ms(12.0));
        assertEquals("0.1", NumberFormats.ms(0.06));
        assertEquals("99.9", NumberFormats.ms(99.94));
        assertEquals("100", NumberFormats.ms(99.96));
        assertEquals("250", NumberFormats.ms(250.4));
        assertEquals("1,234", NumberFormats.ms(1234.0));
    }

    @Test
    void ratesAreWholeWithThousandsSeparators() {
        assertEquals("18,000", NumberFormats.rate(18000.0));
        assertEquals("1,234,568", NumberFormats.rate(1234567.8));
        assertEquals("20", NumberFormats.rate(20.0));
        assertEquals("2.5", NumberFormats.rate(2.5));
    }

    @Test
    void missingFiguresAreADash() {
        assertEquals("–", NumberFormats.ms(null));
        assertEquals("–", NumberFormats.rate(null));
        assertEquals("–", NumberFormats.count(null));
        assertEquals("–", NumberFormats.oneDecimal(null));
    }

    @Test
    void wholeSecondsHaveNoDecimal() {
        assertEquals("20", NumberFormats.seconds(20.0));
        assertEquals("4.2", NumberFormats.seconds(4.2));
    }

    @Test
    void percentagesHaveOneDecimal() {
        assertEquals("15.0", NumberFormats.oneDecimal(15.04));
        assertEquals("1,250.5", NumberFormats.oneDecimal(1250.5));
    }

    @Test
    void tickLabelsAreAsShortAsTheStep() {
        assertEquals("5,000", NumberFormats.tick(5000, 1000));
        assertEquals("0.2", NumberFormats.tick(0.2, 0.2));
        assertEquals("0.01", NumberFormats.tick(0.01, 0.01));
        assertEquals("1", NumberFormats.tick(1, 0.2));
    }
}

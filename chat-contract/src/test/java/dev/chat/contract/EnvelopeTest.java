package dev.chat.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class EnvelopeTest {

    @Test
    void roundTrips() {
        Envelope e = new Envelope(Envelope.MESSAGE, 12, "node-1", "{\"x\":\"a\\nb\"}\nmore");
        assertEquals(e, Envelope.parse(e.encode()));
        Envelope p = new Envelope(Envelope.PRESENCE, 0, "n", "");
        assertEquals(p, Envelope.parse(p.encode()));
    }

    @Test
    void foreignPayloadsAreIgnored() {
        assertNull(Envelope.parse("hello"));
        assertNull(Envelope.parse("M x node\n{}"));
        assertNull(Envelope.parse("M 1\n{}"));
        assertNull(Envelope.parse(""));
    }
}

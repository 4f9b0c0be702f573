package dev.chat.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BoxSpeedTest {

    @Test
    void measuresARealRoundTripAndARealPageFault() throws Exception {
        BoxSpeed speed = BoxSpeed.measure();
        // a loopback round trip is two system calls and two wake-ups: more than a microsecond,
        // less than a second on anything that can run the benchmark
        assertTrue(speed.loopbackRoundTripMicros() >= 1 && speed.loopbackRoundTripMicros() < 1_000_000,
                speed.toString());
        assertTrue(speed.pageFaultMicros() > 0 && speed.pageFaultMicros() < 1_000_000, speed.toString());
    }

    @Test
    void goesIntoTheResultRounded() {
        Map<String, Object> map = new BoxSpeed(97.345, 4.8765).toMap();
        assertEquals(List.of("loopbackRoundTripMicros", "pageFaultMicros"), List.copyOf(map.keySet()));
        assertEquals(97.3, map.get("loopbackRoundTripMicros"));
        assertEquals(4.88, map.get("pageFaultMicros"));
    }
}

package dev.chat.bench.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HeapProbeTest {

    private static final String HISTOGRAM = """
            4242:
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:         40700        1425800  [B (java.base@17.0.15)
               2:          6000         384000  dev.chat.node.hub.ClientSession
               3:           120           2880  dev.chat.node.hub.ClientSessionFactory
            Total        186000       54000000
            """;

    @Test
    void readsTheTotalAndOneClassesInstances() {
        assertEquals(54_000_000, HeapProbe.totalOf(HISTOGRAM));
        assertEquals(6_000, HeapProbe.instancesOf(HISTOGRAM, "dev.chat.node.hub.ClientSession"));
        assertEquals(-1, HeapProbe.instancesOf(HISTOGRAM, "dev.chat.node.hub.Nothing"));
    }

    @Test
    void probesThisVeryProcess() {
        HeapProbe.Live live = HeapProbe.live(ProcessHandle.current().pid(), "java.lang.String");
        assertTrue(live.bytes() > 0, "live bytes " + live.bytes());
        assertTrue(live.instances() > 100, "strings " + live.instances());
    }
}

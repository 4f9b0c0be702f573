package dev.chat.bench.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ProcStatTest {

    @Test
    void readsUserPlusSystemTimeEvenWithSpacesInTheCommand() {
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 9500 0 3 0 1234 566 0 0 20 0 42 0 987 0 0";
        assertEquals((1234 + 566) / 100.0, ProcStat.cpuSecondsOf(stat), 1e-9);
    }

    @Test
    void readsRssInBytes() {
        assertEquals(2048L * 1024, ProcStat.rssOf("Name:\tjava\nVmRSS:\t    2048 kB\nThreads:\t40\n"));
        assertEquals(-1, ProcStat.rssOf("Name:\tzombie\n"));
    }

    @Test
    void readsThisVeryProcess() {
        long self = ProcessHandle.current().pid();
        assertTrue(ProcStat.cpuSeconds(self) > 0);
        assertTrue(ProcStat.rssBytes(self) > 1024 * 1024);
        assertEquals(ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L), ProcStat.parentOf(self));
        assertEquals(-1, ProcStat.cpuSeconds(Long.MAX_VALUE));
    }

    @Test
    void readsTheTotalOfAClassHistogram() {
        String out = "4242:\n num     #instances         #bytes  class name (module)\n"
                + "   1:         10          1000  [B (java.base)\nTotal            10          5678\n";
        assertEquals(5678, HeapProbe.totalOf(out));
        assertEquals(-1, HeapProbe.totalOf("4242:\nAttach failed"));
    }

    @Test
    void ordersNodesByNumber() {
        List<String> names = new java.util.ArrayList<>(List.of("chat-node-10", "redis", "chat-node-2", "gateway"));
        names.sort(ClusterProcesses::byNameThenNumber);
        assertEquals(List.of("chat-node-2", "chat-node-10", "gateway", "redis"), names);
        assertEquals("nginx", ServerProcess.kindOf("gateway"));
        assertEquals("chat-node", ServerProcess.kindOf("chat-node-3"));
    }
}

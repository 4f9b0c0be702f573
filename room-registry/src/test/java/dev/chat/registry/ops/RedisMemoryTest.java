package dev.chat.registry.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RedisMemoryTest {

    @Test
    void readsUsedPeakAndLimitFromInfoMemory() {
        var memory = OpsSnapshot.RedisMemory.parse("# Memory\r\nused_memory:1048576\r\nused_memory_human:1.00M\r\n"
                + "used_memory_peak:2097152\r\nmaxmemory:4194304\r\nmaxmemory_human:4.00M\r\n");
        assertEquals(1_048_576, memory.usedMemoryBytes());
        assertEquals(2_097_152, memory.peakMemoryBytes());
        assertEquals(4_194_304L, memory.maxMemoryBytes());
    }

    @Test
    void noLimitAndGarbageReadAsAbsent() {
        var memory = OpsSnapshot.RedisMemory.parse("used_memory:x\nmaxmemory:0\nnot a field\n");
        assertEquals(0, memory.usedMemoryBytes());
        assertNull(memory.maxMemoryBytes());
    }
}

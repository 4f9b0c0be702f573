package dev.chat.bench.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class CpuProfileTest {

    @Test
    void samplesAreCountedByTheAreaOfTheirInnermostFrameAndTheChatsMethodsInclusively() {
        CpuProfile profile = new CpuProfile();
        profile.add(List.of("io.netty.channel.AbstractChannel.flush", "dev.chat.node.hub.LoopOutbox.run"));
        profile.add(List.of("dev.chat.node.hub.ClientSession.deliver", "dev.chat.node.hub.LoopOutbox.run"));
        profile.add(List.of("sun.nio.ch.SocketDispatcher.write", "io.netty.channel.AbstractChannel.flush"));
        profile.add(List.of("java.lang.String.getBytes"));

        assertEquals(4, profile.samples());
        assertEquals(0.25, profile.share("Netty (sockets, WebSocket codec, buffers)"));
        assertEquals(0.25, profile.share("the chat's own code"));
        assertEquals(0.25, profile.share("JDK NIO (system calls)"));
        String md = profile.markdown("c1000", 10);
        // LoopOutbox.run is under two samples of four: 50 % inclusive, though never innermost
        assertTrue(md.contains("| `dev.chat.node.hub.LoopOutbox.run` | 50.0 % |"), md);
        assertTrue(md.contains("| `dev.chat.node.hub.ClientSession.deliver` | 25.0 % |"), md);
    }

    @Test
    void theProcesssCpuIsSplitBetweenUserSpaceAndTheKernel() {
        CpuProfile profile = new CpuProfile();
        profile.add(List.of("dev.chat.node.hub.LoopOutbox.run"));
        profile.hardwareThreads(2);
        // shares of a 2-thread machine: 2 % + 6 % of it is 4 % + 12 % of one core
        profile.addLoad(0.02, 0.06);
        profile.addLoad(0.02, 0.06);

        assertEquals(0.75, profile.kernelShare(), 1e-9);
        String md = profile.markdown("c1000", 10);
        assertTrue(md.contains("16.0 % of one core on average"), md);
        assertTrue(md.contains("4.0 % in user space"), md);
        assertTrue(md.contains("12.0 % in the kernel"), md);
        assertTrue(md.contains("the kernel had 75 % of its CPU"), md);
    }

    @Test
    void withoutReadingsOfTheProcesssCpuNoSplitIsClaimed() {
        CpuProfile profile = new CpuProfile();
        profile.add(List.of("dev.chat.node.hub.LoopOutbox.run"));

        assertTrue(Double.isNaN(profile.kernelShare()));
        assertTrue(!profile.markdown("c1000", 10).contains("in the kernel"));
    }
}

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
}

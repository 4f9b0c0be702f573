package dev.chat.node.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

class BoundedOutboundTest {

    /** A socket whose writes complete only when the test says the client has read them. */
    private static final class StalledSocket implements BoundedOutbound.Socket {
        final List<CompletableFuture<Void>> writes = new ArrayList<>();
        final List<String> closes = new ArrayList<>();

        @Override
        public CompletionStage<Void> sendText(String frame) {
            CompletableFuture<Void> write = new CompletableFuture<>();
            writes.add(write);
            return write;
        }

        @Override
        public void close(int code, String reason) {
            closes.add(code + " " + reason);
        }

        @Override
        public void abortLater() {
            closes.add("abort");
        }
    }

    @Test
    void aClientThatStopsReadingIsCutOffOnceTheQueueIsFull() {
        StalledSocket socket = new StalledSocket();
        BoundedOutbound out = new BoundedOutbound(socket, 100);
        for (int i = 0; i < 10; i++) {
            out.send("x".repeat(10));
        }
        assertEquals(100, out.queuedBytes());
        assertEquals(List.of(), socket.closes);
        out.send("y");
        assertEquals(2, socket.closes.size());
        assertEquals(1008, Integer.parseInt(socket.closes.get(0).split(" ")[0]));
        assertEquals("abort", socket.closes.get(1), "a client that does not read never takes the close frame either");
        out.send("z");
        assertEquals(10, socket.writes.size(), "nothing is queued after the cut");
    }

    @Test
    void aClientThatKeepsReadingIsNeverCutOff() {
        StalledSocket socket = new StalledSocket();
        BoundedOutbound out = new BoundedOutbound(socket, 100);
        for (int i = 0; i < 1_000; i++) {
            out.send("x".repeat(60));
            socket.writes.get(i).complete(null);
        }
        assertEquals(0, out.queuedBytes());
        assertEquals(List.of(), socket.closes);
    }
}

package dev.chat.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ServerFrameTest {

    @Test
    void readsAMessageWhateverTheFieldOrder() {
        ServerFrame a = ServerFrame.parse(
                "{\"type\":\"message\",\"room\":\"general\",\"id\":\"17\",\"user\":{\"id\":\"u1\",\"name\":\"Quiet Otter\"},\"text\":\"hi\",\"ts\":1,\"clientId\":\"c\"}");
        ServerFrame b = ServerFrame.parse(
                "{\"text\":\"hi\",\"user\":{\"name\":\"Quiet Otter\",\"id\":\"u1\"},\"id\":\"17\",\"type\":\"message\"}");
        assertEquals("message", a.type());
        assertEquals("17", a.id());
        assertEquals("hi", a.text());
        assertEquals(a.id(), b.id());
        assertEquals(a.text(), b.text());
    }

    @Test
    void aNestedUserIdIsNotTheMessageId() {
        ServerFrame f = ServerFrame.parse("{\"type\":\"message\",\"user\":{\"id\":\"u1\"},\"text\":\"x\"}");
        assertNull(f.id());
    }

    @Test
    void readsJoinedWithItsHistoryAndRecovered() {
        ServerFrame f = ServerFrame.parse("{\"type\":\"joined\",\"room\":\"r\",\"history\":["
                + "{\"type\":\"message\",\"id\":\"1\",\"text\":\"a\",\"attachments\":[{\"id\":\"x\",\"url\":\"/y\"}]},"
                + "{\"type\":\"message\",\"id\":\"2\",\"text\":\"b\"}],\"users\":3,\"recovered\":false}");
        assertEquals("joined", f.type());
        assertEquals(2, f.history().size());
        assertEquals("2", f.history().get(1).id());
        assertFalse(f.recovered());
        assertTrue(ServerFrame.parse("{\"type\":\"joined\",\"history\":[]}").recovered());
    }

    @Test
    void readsWelcomeAndError() {
        ServerFrame w = ServerFrame.parse("{\"type\":\"welcome\",\"user\":{\"id\":\"u\",\"name\":\"n\"},\"node\":\"node-2\",\"token\":\"t.k\"}");
        assertEquals("node-2", w.node());
        assertEquals("t.k", w.token());
        ServerFrame limited = ServerFrame.parse("{\"type\":\"error\",\"code\":\"rate_limited\",\"retryAfterMs\":5}");
        assertEquals("rate_limited", limited.code());
        assertEquals(5, limited.retryAfterMs());
        assertEquals(-1, ServerFrame.parse("{\"type\":\"error\",\"code\":\"empty\"}").retryAfterMs());
    }

    @Test
    void refusesWhatIsNotAJsonObject() {
        assertThrows(IllegalArgumentException.class, () -> ServerFrame.parse("[1]"));
        assertThrows(IllegalArgumentException.class, () -> ServerFrame.parse("{\"type\":"));
    }
}

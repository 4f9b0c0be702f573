package dev.chat.cli.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointsTest {

    @Test
    void everyAddressComesFromTheGatewaysUrl() {
        Endpoints local = Endpoints.of("http://localhost:8080/");
        assertEquals("http://localhost:8080", local.origin());
        assertEquals(URI.create("ws://localhost:8080/ws"), local.webSocket(null));
        assertEquals(URI.create("ws://localhost:8080/ws?token=a.b%2Bc%3D"), local.webSocket("a.b+c="));
        assertEquals(URI.create("http://localhost:8080/api/rooms"), local.http("/api/rooms"));
        assertEquals("http://localhost:8080/api/attachments/x", local.absolute("/api/attachments/x"));
        Endpoints secure = Endpoints.of("HTTPS://chat.example");
        assertEquals(URI.create("wss://chat.example/ws"), secure.webSocket(""));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "localhost:8080", "ftp://x", "http://", "http://host/path", "http://h?x=1",
            "http://user:pw@host", "ws://host", "http://host#top", "not a url" })
    void anythingElseIsRefusedWithASentence(String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Endpoints.of(url));
        assertTrue(e.getMessage().startsWith("--url must be the chat's address"), e.getMessage());
    }
}

package dev.chat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

class ChatAppTest {

    @Test
    void aDurationNotOfferedIsRefusedListingTheChoicesInTheFormCreateTakes() {
        assertNull(ChatApp.choice("clear interval", 300, List.of(60L, 300L)));
        assertEquals("the clear interval must be one of 1m, 90s, 5m, 2h",
                ChatApp.choice("clear interval", 420, List.of(60L, 90L, 300L, 7200L)));
    }
}

package dev.chat.cli.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityStoreTest {

    @TempDir
    Path home;

    @Test
    void theFileIsUnderXdgConfigHomeElseDotConfig() {
        assertEquals(home.resolve("xdg/chat/identity.properties"),
                IdentityStore.forUser(Map.of("XDG_CONFIG_HOME", home.resolve("xdg").toString(), "HOME", "/nowhere")).file());
        assertEquals(home.resolve(".config/chat/identity.properties"),
                IdentityStore.forUser(Map.of("HOME", home.toString())).file());
        assertEquals(home.resolve(".config/chat/identity.properties"),
                IdentityStore.forUser(Map.of("XDG_CONFIG_HOME", "relative/dir", "HOME", home.toString())).file(),
                "a relative XDG_CONFIG_HOME is to be ignored");
    }

    @Test
    void aTokenIsKeptPerServerBetweenRunsReadableByTheUserOnly() throws IOException {
        Path file = home.resolve("cfg/chat/identity.properties");
        IdentityStore store = new IdentityStore(file);
        assertNull(store.token("http://localhost:8080"));
        assertEquals(true, store.save("http://localhost:8080", "tok.one"));
        store.save("https://chat.example", "tok.two");
        store.save("http://localhost:8080", "tok.three");

        IdentityStore nextRun = new IdentityStore(file);
        assertEquals("tok.three", nextRun.token("http://localhost:8080"));
        assertEquals("tok.two", nextRun.token("https://chat.example"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void aFileThatCannotBeWrittenOnlyMeansANewNameNextTime() throws IOException {
        Path blocker = home.resolve("not-a-dir");
        Files.writeString(blocker, "x");
        IdentityStore store = new IdentityStore(blocker.resolve("chat/identity.properties"));
        assertFalse(store.save("http://localhost:8080", "tok"));
        assertNull(store.token("http://localhost:8080"));
    }
}

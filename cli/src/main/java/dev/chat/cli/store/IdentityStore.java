package dev.chat.cli.store;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;

/**
 * Keeps the identity token between runs, as the page keeps it in local storage: in
 * {@code $XDG_CONFIG_HOME/chat/identity.properties} (else {@code ~/.config/chat/...}), one token
 * per server address, readable by the user only. A file that cannot be read or written only
 * means a new name next time: the chat works without it.
 */
public final class IdentityStore {

    static final String FILE = "identity.properties";

    private final Path file;

    public IdentityStore(Path file) {
        this.file = file;
    }

    /** The file under the user's config folder, from the environment as the XDG spec says. */
    public static IdentityStore forUser(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path config = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".config");
        return new IdentityStore(config.resolve("chat").resolve(FILE));
    }

    public Path file() {
        return file;
    }

    /** The token kept for {@code origin}, or null. */
    public String token(String origin) {
        String token = read().getProperty(origin);
        return token == null || token.isBlank() ? null : token.strip();
    }

    /** Keeps {@code token} for {@code origin}; returns false when the file could not be written. */
    public boolean save(String origin, String token) {
        Properties tokens = read();
        if (token.equals(tokens.getProperty(origin))) {
            return true;
        }
        tokens.setProperty(origin, token);
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), ".identity", ".tmp");
            try {
                try {
                    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: its own defaults apply
                }
                try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                    tokens.store(out, "chat identity tokens by server; delete this file for a new name");
                }
                move(temp);
            } finally {
                Files.deleteIfExists(temp);
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void move(Path temp) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private Properties read() {
        Properties tokens = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                tokens.load(in);
            } catch (IOException | IllegalArgumentException e) {
                // unreadable: start afresh, the next save rewrites it
            }
        }
        return tokens;
    }
}

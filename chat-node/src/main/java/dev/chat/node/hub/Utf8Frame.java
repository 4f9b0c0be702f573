package dev.chat.node.hub;

import java.nio.charset.StandardCharsets;

/**
 * A text frame encoded to UTF-8 once per node, so a message to a thousand members costs one
 * encoding, not a thousand: every recipient's socket writes these same bytes.
 */
public final class Utf8Frame {

    private final byte[] bytes;
    private String text;

    private Utf8Frame(byte[] bytes, String text) {
        this.bytes = bytes;
        this.text = text;
    }

    public static Utf8Frame of(String text) {
        return new Utf8Frame(text.getBytes(StandardCharsets.UTF_8), text);
    }

    /** The encoded frame; shared by every recipient, so never written to. */
    public byte[] bytes() {
        return bytes;
    }

    /** The frame as text, for outbounds that only take strings (tests, the fallback socket). */
    public String text() {
        String t = text;
        if (t == null) {
            t = new String(bytes, StandardCharsets.UTF_8);
            text = t;
        }
        return t;
    }

    @Override
    public String toString() {
        return text();
    }
}

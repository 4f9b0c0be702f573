package dev.chat.node.hub;

import java.nio.charset.StandardCharsets;

/**
 * A text frame encoded to UTF-8 once per node, so a message to a thousand members costs one
 * encoding, not a thousand: every recipient's socket writes these same bytes.
 */
public final class Utf8Frame {

    private final byte[] bytes;
    private String text;
    /** what the transport made of the bytes (the whole WebSocket frame), made once, shared */
    private volatile Object wire;

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

    /**
     * What {@code encoder} makes of the bytes, made once for every recipient on every loop (two
     * loops racing both encode, and one result is kept: the results are equal).
     */
    public Object wire(java.util.function.Function<byte[], Object> encoder) {
        Object w = wire;
        if (w == null) {
            w = encoder.apply(bytes);
            wire = w;
        }
        return w;
    }

    @Override
    public String toString() {
        return text();
    }
}

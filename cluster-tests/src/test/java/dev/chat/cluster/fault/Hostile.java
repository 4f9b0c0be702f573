package dev.chat.cluster.fault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated hostile input: malformed, oversized and protocol-breaking WebSocket frames, and junk
 * upgrade requests. Deterministic for a seed, so a failing run can be repeated. Every frame is
 * one of two families: <em>payload</em> attacks (well-framed frames with bad content), which the
 * node must answer with an {@code error} or end with a policy code, and <em>framing</em> attacks
 * (broken WebSocket framing), which end the connection.
 */
final class Hostile {

    /** What a frame attack writes; {@code clientId} marks the sends, to tell an accepted one by its echo. */
    interface Writer {
        void write(RawWebSocket ws) throws IOException;
    }

    record Attack(String kind, boolean framing, String clientId, Writer writer) {
    }

    /** A raw request for a node's or the gateway's port; {@code expect} is what the contract says, or null. */
    record Junk(String kind, byte[] bytes, String expect) {
    }

    private static final String[] TEMPLATES = {
        "{\"type\":\"join\",\"room\":\"general\",\"since\":\"12\"}",
        "{\"type\":\"send\",\"text\":\"hello there\",\"clientId\":\"abc\"}",
        "{\"type\":\"nick\",\"name\":\"Night Owl\"}",
        "{\"type\":\"send\",\"text\":\"x\",\"attachments\":[\"general.abc\"]}",
    };

    private static final String[] NULLS = {
        "null", "{\"type\":null}", "{\"type\":\"send\",\"text\":null,\"clientId\":\"%s\"}", "{\"type\":\"join\",\"room\":null}",
        "{\"type\":\"nick\",\"name\":null}", "{\"type\":\"nick\",\"name\":\"\\u0000\\u0000\"}",
        "{\"type\":\"send\",\"text\":\"a\\u0000b\",\"clientId\":\"%s\"}", "{\"type\":\"join\",\"room\":\"\\u0000\"}",
        "{\"type\":\"send\",\"text\":\"x\",\"clientId\":null}", "{\"type\":\"send\",\"text\":\"x\",\"attachments\":null}",
        "\u0000", "{\"type\":\"nick\",\"name\":\"\u0000\"}",
    };

    private static final String[] WRONG_TYPES = {
        "[]", "\"join\"", "42", "true", "{\"type\":[\"join\"]}", "{\"type\":{\"a\":1}}", "{\"type\":7}",
        "{\"type\":\"join\",\"room\":123}", "{\"type\":\"join\",\"room\":[\"general\"]}",
        "{\"type\":\"join\",\"room\":\"general\",\"since\":{}}", "{\"type\":\"send\",\"text\":[\"a\"]}",
        "{\"type\":\"send\",\"text\":{\"a\":1}}", "{\"type\":\"send\",\"text\":12}", "{\"type\":\"nick\",\"name\":false}",
        "{\"type\":\"send\",\"text\":\"x\",\"attachments\":\"a\"}", "{\"type\":\"send\",\"text\":\"x\",\"attachments\":[1,2]}",
        "{\"type\":\"send\",\"text\":\"x\",\"clientId\":5}", "{\"type\":\"send\",\"text\":\"x\",\"attachments\":[[]]}",
    };

    private static final String[] MISSING_OR_UNKNOWN = {
        "{}", "{\"type\":\"hack\"}", "{\"type\":\"JOIN\",\"room\":\"general\"}", "{\"type\":\"join\"}",
        "{\"type\":\"send\"}", "{\"type\":\"nick\"}", "{\"room\":\"general\"}", "{\"type\":\"\"}",
        "{\"type\":\"__proto__\"}", "{\"type\":\"join\",\"room\":\"\"}",
        "{\"type\":\"nick\",\"name\":\"\"}", "{\"type\":\"nick\",\"name\":\"   \"}",
        "{\"type\":\"nick\",\"name\":\"" + "n".repeat(41) + "\"}", "{\"type\":\"send\",\"text\":\"   \"}",
    };

    private final Random random;
    private final String tag;
    private int counter;

    Hostile(long seed, String tag) {
        this.random = new Random(seed);
        this.tag = tag;
    }

    Attack next() {
        String cid = tag + "-" + (++counter);
        int kind = random.nextInt(26);
        return switch (kind) {
            case 0 -> {
                String t = TEMPLATES[random.nextInt(TEMPLATES.length)];
                yield text("truncated-json", cid, t.substring(0, 1 + random.nextInt(t.length() - 1)));
            }
            case 1 -> text("random-jsonish", cid, randomJsonish(1 + random.nextInt(300)));
            case 2 -> text("deep-array-unterminated-10k", cid, "[".repeat(10_000));
            case 3 -> text("deep-array-8k", cid, "[".repeat(8_000) + "]".repeat(8_000));
            case 4 -> text("deep-object-2500", cid, "{\"a\":".repeat(2_500) + "1" + "}".repeat(2_500));
            case 5 -> text("deep-array-10k-oversized", cid, "[".repeat(10_000) + "]".repeat(10_000));
            case 6 -> text("huge-number", cid, hugeNumber(cid));
            case 7 -> text("nulls", cid, String.format(NULLS[random.nextInt(NULLS.length)], cid));
            case 8 -> text("wrong-types", cid, WRONG_TYPES[random.nextInt(WRONG_TYPES.length)]);
            case 9 -> text("unknown-type-or-missing-field", cid, MISSING_OR_UNKNOWN[random.nextInt(MISSING_OR_UNKNOWN.length)]);
            case 10 -> text("unknown-room", cid, "{\"type\":\"join\",\"room\":\"no-such-room-" + random.nextInt(1_000_000) + "\"}");
            case 11 -> text("too-long", cid, random.nextBoolean()
                    ? "{\"type\":\"send\",\"text\":\"" + "x".repeat(2001 + random.nextInt(3000)) + "\",\"clientId\":\"" + cid + "\"}"
                    : "{\"type\":\"send\",\"text\":\"x\",\"clientId\":\"" + "c".repeat(65 + random.nextInt(200)) + "\"}");
            case 12 -> text("oversized-frame", cid,
                    "{\"type\":\"send\",\"text\":\"" + "y".repeat(16_400 + random.nextInt(40_000)) + "\"}");
            case 13 -> new Attack("invalid-utf8", false, cid, ws -> ws.send(RawWebSocket.TEXT, invalidUtf8()));
            case 14 -> new Attack("binary", false, cid, ws -> ws.send(RawWebSocket.BINARY, randomBytes(1 + random.nextInt(2048))));
            case 15 -> text("duplicate-keys-trailing-junk", cid, random.nextBoolean()
                    ? "{\"type\":\"nick\",\"type\":\"join\",\"room\":\"general\",\"name\":\"x\",\"room\":5}"
                    : "{\"type\":\"nick\",\"name\":\"x\"} trailing junk");
            case 16 -> text("lone-surrogates-escapes", cid, random.nextBoolean()
                    ? "{\"type\":\"nick\",\"name\":\"\\ud800\"}"
                    : "{\"type\":\"send\",\"text\":\"\\uZZZZ\\x41\\q\",\"clientId\":\"" + cid + "\"}");
            case 17 -> text("big-array-field", cid,
                    "{\"type\":\"send\",\"text\":\"x\",\"attachments\":[" + "\"a\",".repeat(3000) + "\"a\"]}");
            case 18 -> new Attack("fragmented-oversized", false, cid, ws -> {
                byte[] part = "z".repeat(8000).getBytes(StandardCharsets.US_ASCII);
                ws.sendFrame(false, 0, RawWebSocket.TEXT, true, part, part.length);
                ws.sendFrame(false, 0, 0, true, part, part.length);
                ws.sendFrame(true, 0, 0, true, part, part.length);
            });
            case 19 -> new Attack("fragmented-junk", false, cid, ws -> {
                byte[] a = "{\"type\":".getBytes(StandardCharsets.US_ASCII);
                byte[] b = "42,\"x\"]".getBytes(StandardCharsets.US_ASCII);
                ws.sendFrame(false, 0, RawWebSocket.TEXT, true, a, a.length);
                ws.sendFrame(true, 0, 0, true, b, b.length);
            });
            case 20 -> framing("unmasked-frame", cid, ws -> {
                byte[] p = "{\"type\":\"nick\",\"name\":\"x\"}".getBytes(StandardCharsets.US_ASCII);
                ws.sendFrame(true, 0, RawWebSocket.TEXT, false, p, p.length);
            });
            case 21 -> framing("reserved-bits", cid, ws -> {
                byte[] p = "{}".getBytes(StandardCharsets.US_ASCII);
                ws.sendFrame(true, 1 + random.nextInt(7), RawWebSocket.TEXT, true, p, p.length);
            });
            case 22 -> framing("unknown-opcode", cid, ws -> {
                byte[] p = "{}".getBytes(StandardCharsets.US_ASCII);
                int[] reserved = { 3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF };
                ws.sendFrame(true, 0, reserved[random.nextInt(reserved.length)], true, p, p.length);
            });
            case 23 -> framing("length-2^62", cid, ws -> ws.sendFrame(true, 0, RawWebSocket.TEXT, true, new byte[8], 1L << 62));
            case 24 -> framing("control-frame-over-125", cid, ws -> {
                byte[] p = randomBytes(126 + random.nextInt(200));
                ws.sendFrame(true, 0, RawWebSocket.PING, true, p, p.length);
            });
            default -> framing("continuation-without-start", cid, ws -> {
                byte[] p = "{}".getBytes(StandardCharsets.US_ASCII);
                ws.sendFrame(true, 0, 0, true, p, p.length);
            });
        };
    }

    private static Attack text(String kind, String cid, String text) {
        return new Attack(kind, false, cid, ws -> ws.sendText(text));
    }

    private static Attack framing(String kind, String cid, Writer writer) {
        return new Attack(kind, true, cid, writer);
    }

    private String hugeNumber(String cid) {
        return switch (random.nextInt(6)) {
            case 0 -> "{\"type\":\"join\",\"room\":\"no-such-room\",\"since\":" + "9".repeat(5000) + "}";
            case 1 -> "{\"type\":\"send\",\"text\":1e999999999,\"clientId\":\"" + cid + "\"}";
            case 2 -> "{\"type\":\"join\",\"room\":\"no-such-room\",\"since\":\"" + "9".repeat(40) + "\"}";
            case 3 -> "{\"type\":\"join\",\"room\":\"no-such-room\",\"since\":\"-1e308\"}";
            case 4 -> "[" + "1".repeat(10_000) + "]";
            default -> "{\"type\":\"nick\",\"name\":\"x\",\"n\":-" + "1".repeat(8000) + ".5e-99999}";
        };
    }

    private String randomJsonish(int length) {
        String alphabet = "{}[]\":,0123456789.-+eEtruefalsn \\/abxyz";
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private byte[] invalidUtf8() {
        byte[][] bad = {
            { (byte) 0xc3, 0x28 }, { (byte) 0xff }, { (byte) 0xfe, (byte) 0xff }, { (byte) 0xed, (byte) 0xa0, (byte) 0x80 },
            { (byte) 0xc0, (byte) 0xaf }, { (byte) 0xe0, (byte) 0x80, (byte) 0xaf }, { (byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80 },
            { (byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80 }, { (byte) 0x80 },
        };
        String prefix = "{\"type\":\"nick\",\"name\":\"";
        byte[] middle = bad[random.nextInt(bad.length)];
        byte[] start = prefix.getBytes(StandardCharsets.US_ASCII);
        byte[] end = "\"}".getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[start.length + middle.length + end.length];
        System.arraycopy(start, 0, out, 0, start.length);
        System.arraycopy(middle, 0, out, start.length, middle.length);
        System.arraycopy(end, 0, out, start.length + middle.length, end.length);
        return out;
    }

    byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Junk requests for {@code port}; {@code host} is what a browser would put in Host and Origin. */
    List<Junk> junk(int port) {
        String host = "127.0.0.1:" + port;
        String key = "dGhlIHNhbXBsZSBub25jZQ==";
        String upgrade = "Host: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n";
        List<Junk> out = new ArrayList<>();
        out.add(junk("no-key", "GET /ws HTTP/1.1\r\n" + upgrade + "\r\n", "not 101"));
        out.add(junk("version-99", "GET /ws HTTP/1.1\r\nHost: " + host
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 99\r\nSec-WebSocket-Key: " + key + "\r\n\r\n", "not 101"));
        out.add(junk("origin-evil", "GET /ws HTTP/1.1\r\n" + upgrade + "Sec-WebSocket-Key: " + key
                + "\r\nOrigin: http://evil.example\r\n\r\n", "403"));
        out.add(junk("origin-null", "GET /ws HTTP/1.1\r\n" + upgrade + "Sec-WebSocket-Key: " + key
                + "\r\nOrigin: null\r\n\r\n", "403"));
        out.add(junk("origin-same-host", "GET /ws HTTP/1.1\r\n" + upgrade + "Sec-WebSocket-Key: " + key
                + "\r\nOrigin: http://" + host + "\r\n\r\n", "101"));
        out.add(junk("junk-token", "GET /ws?token=" + "%ZZ" + "a".repeat(3000) + " HTTP/1.1\r\n" + upgrade
                + "Sec-WebSocket-Key: " + key + "\r\n\r\n", null));
        out.add(junk("post-upgrade", "POST /ws HTTP/1.1\r\n" + upgrade + "Sec-WebSocket-Key: " + key
                + "\r\nContent-Length: 5\r\n\r\nhello", "not 101"));
        out.add(junk("not-http", "HELLO WORLD\r\n\r\n", "not 101"));
        out.add(junk("huge-header", "GET /ws HTTP/1.1\r\nHost: " + host + "\r\nX-Big: " + "b".repeat(60_000) + "\r\n\r\n", "not 101"));
        out.add(junk("header-without-colon", "GET /ws HTTP/1.1\r\nHost " + host + "\r\nUpgrade websocket\r\n\r\n", "not 101"));
        out.add(junk("path-traversal", "GET /../../../../etc/passwd HTTP/1.1\r\nHost: " + host + "\r\n\r\n", "not 101"));
        out.add(junk("many-headers", "GET /ws HTTP/1.1\r\nHost: " + host + "\r\n" + "X-N: v\r\n".repeat(2000) + "\r\n", "not 101"));
        out.add(junk("smuggling", "GET /ws HTTP/1.1\r\nHost: " + host
                + "\r\nContent-Length: 10\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /ws HTTP/1.1\r\n\r\n", "not 101"));
        out.add(junk("h2c-upgrade", "GET /ws HTTP/1.1\r\nHost: " + host
                + "\r\nUpgrade: h2c\r\nConnection: Upgrade, HTTP2-Settings\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n\r\n", "not 101"));
        out.add(junk("http2-preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "not 101"));
        out.add(new Junk("binary-request-line", concat("GET /ws".getBytes(StandardCharsets.US_ASCII),
                new byte[] { (byte) 0xff, 0, (byte) 0xc3 }, " HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII)), "not 101"));
        out.add(new Junk("random-bytes", randomBytes(1 + random.nextInt(1024)), "not 101"));
        out.add(new Junk("random-bytes-crlf", concat(randomBytes(1 + random.nextInt(512)),
                "\r\n\r\n".getBytes(StandardCharsets.US_ASCII)), "not 101"));
        return out;
    }

    private static Junk junk(String kind, String request, String expect) {
        return new Junk(kind, request.getBytes(StandardCharsets.ISO_8859_1), expect);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}

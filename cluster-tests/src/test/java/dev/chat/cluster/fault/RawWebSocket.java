package dev.chat.cluster.fault;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A WebSocket client on a bare {@link Socket}, for what the JDK client will not do: send broken
 * frames (bad UTF-8, unmasked, reserved bits, lying lengths), stop reading while the server
 * writes, and see exactly what the server sends back, the close code included.
 */
public final class RawWebSocket implements AutoCloseable {

    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    private static final Random MASKS = new SecureRandom();

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final int status;
    private final String responseHead;

    /** A server frame; for a close frame {@link #closeCode()} is its code (1005 when it has none). */
    public record Frame(int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }
    }

    private RawWebSocket(Socket socket, int status, String responseHead) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.status = status;
        this.responseHead = responseHead;
    }

    /** A normal upgrade of {@code GET path} with the given extra headers (an {@code Origin}, say). */
    public static RawWebSocket open(int port, String path, Map<String, String> headers, int receiveBuffer)
            throws IOException {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Host", "127.0.0.1:" + port);
        all.put("Upgrade", "websocket");
        all.put("Connection", "Upgrade");
        byte[] key = new byte[16];
        MASKS.nextBytes(key);
        all.put("Sec-WebSocket-Key", Base64.getEncoder().encodeToString(key));
        all.put("Sec-WebSocket-Version", "13");
        all.putAll(headers);
        StringBuilder request = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\n");
        all.forEach((name, value) -> {
            if (value != null) {
                request.append(name).append(": ").append(value).append("\r\n");
            }
        });
        request.append("\r\n");
        return raw(port, request.toString().getBytes(StandardCharsets.ISO_8859_1), receiveBuffer, 5000);
    }

    /**
     * Sends any bytes as the request and reads the HTTP answer's head, waiting at most
     * {@code answerMillis} (status 0: no answer, or the connection was closed without one).
     */
    public static RawWebSocket raw(int port, byte[] request, int receiveBuffer, int answerMillis) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer); // before connect: it sets the window scale
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 3000);
        socket.setSoTimeout(answerMillis);
        socket.getOutputStream().write(request);
        socket.getOutputStream().flush();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        int status = 0;
        try {
            int b;
            while (head.size() < 65536 && (b = in.read()) >= 0) {
                head.write(b);
                byte[] h = head.toByteArray();
                int n = h.length;
                if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                    break;
                }
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            if (text.startsWith("HTTP/1.")) {
                String[] parts = text.split(" ", 3);
                status = parts.length > 1 && parts[1].matches("\\d{3}") ? Integer.parseInt(parts[1]) : 0;
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // no (complete) answer: status stays 0
        }
        return new RawWebSocket(socket, status, head.toString(StandardCharsets.ISO_8859_1));
    }

    /** HTTP status of the upgrade answer: 101 when it is a WebSocket now, 0 when there was no answer. */
    public int status() {
        return status;
    }

    public String responseHead() {
        return responseHead;
    }

    public Socket socket() {
        return socket;
    }

    public int localPort() {
        return socket.getLocalPort();
    }

    public void sendText(String text) throws IOException {
        send(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    public void send(int opcode, byte[] payload) throws IOException {
        sendFrame(true, 0, opcode, true, payload, payload.length);
    }

    /**
     * Writes one frame as given, right or wrong: {@code rsv} goes to bits 4-6 of the first byte,
     * {@code declaredLength} into the length field whatever the payload's real size.
     */
    public void sendFrame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload, long declaredLength)
            throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write((fin ? 0x80 : 0) | ((rsv & 0x7) << 4) | (opcode & 0xf));
        int mask = masked ? 0x80 : 0;
        if (declaredLength < 126) {
            frame.write(mask | (int) declaredLength);
        } else if (declaredLength <= 0xffff) {
            frame.write(mask | 126);
            frame.write((int) (declaredLength >> 8) & 0xff);
            frame.write((int) declaredLength & 0xff);
        } else {
            frame.write(mask | 127);
            for (int i = 7; i >= 0; i--) {
                frame.write((int) (declaredLength >> (8 * i)) & 0xff);
            }
        }
        byte[] body = payload.clone();
        if (masked) {
            byte[] key = new byte[4];
            MASKS.nextBytes(key);
            frame.write(key);
            for (int i = 0; i < body.length; i++) {
                body[i] ^= key[i & 3];
            }
        }
        frame.write(body);
        out.write(frame.toByteArray());
        out.flush();
    }

    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /**
     * The next frame from the server, waiting at most {@code timeoutMillis}.
     * @throws SocketTimeoutException when none came in time
     * @throws EOFException when the server closed the connection
     */
    public Frame read(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        int b0 = in.read();
        if (b0 < 0) {
            throw new EOFException("closed by the server");
        }
        int b1 = readByte();
        long length = b1 & 0x7f;
        if (length == 126) {
            length = (readByte() << 8) | readByte();
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | readByte();
            }
        }
        byte[] key = null;
        if ((b1 & 0x80) != 0) {
            key = readFully(4);
        }
        if (length > 64L * 1024 * 1024) {
            throw new IOException("server frame of " + length + " bytes");
        }
        byte[] payload = readFully((int) length);
        if (key != null) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= key[i & 3];
            }
        }
        return new Frame(b0 & 0x0f, payload);
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("closed by the server mid-frame");
        }
        return b;
    }

    private byte[] readFully(int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length < n) {
            throw new EOFException("closed by the server mid-frame");
        }
        return bytes;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}

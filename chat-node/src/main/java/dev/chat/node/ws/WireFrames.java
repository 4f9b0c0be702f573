package dev.chat.node.ws;

import java.nio.ByteBuffer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * A server's text frame as it goes on the wire (RFC 6455 §5.2: FIN + text opcode, the length,
 * no mask), built once per message: a server's frames are not masked, so every recipient gets
 * the very same bytes, and writing them below the WebSocket encoder skips its per-recipient
 * header buffer and the copy of a heap payload into direct memory at each flush. The buffer is
 * direct memory owned by the garbage collector (a {@link ByteBuffer}), never released by
 * hand: each write takes a {@link ByteBuf#duplicate() duplicate} of it.
 */
final class WireFrames {

    private static final int FIN_TEXT = 0x81;

    /** A server's ping without payload (FIN + ping opcode, length 0), written below the encoder. */
    static final ByteBuf PING = Unpooled.unreleasableBuffer(Unpooled.directBuffer(2).writeByte(0x89).writeByte(0));

    private WireFrames() {
    }

    static ByteBuf text(byte[] payload) {
        int length = payload.length;
        int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        ByteBuffer frame = ByteBuffer.allocateDirect(header + length);
        frame.put((byte) FIN_TEXT);
        if (length < 126) {
            frame.put((byte) length);
        } else if (length <= 0xFFFF) {
            frame.put((byte) 126).putShort((short) length);
        } else {
            frame.put((byte) 127).putLong(length);
        }
        frame.put(payload).flip();
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(frame));
    }
}

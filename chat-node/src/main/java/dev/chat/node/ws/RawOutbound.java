package dev.chat.node.ws;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;

import org.jboss.logging.Logger;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;

import dev.chat.node.hub.BoundedOutbound;
import dev.chat.node.hub.Outbound;
import dev.chat.node.hub.Utf8Frame;

/**
 * A connection's sending side on its Netty channel (see {@link NettyAccess}): frames are written
 * without a flush and flushed once per batch, shared encoded bytes are wrapped, not copied, and a
 * client that stops reading is cut off (1008) once more than {@code maxBytes} wait in the
 * channel's outbound buffer, which Netty counts for nothing extra. Runs on the channel's loop.
 */
final class RawOutbound implements Outbound {

    private static final Logger LOG = Logger.getLogger(RawOutbound.class);
    private static final long ABORT_AFTER_MS = 2_000;

    private final WebSocketConnection connection;
    private final ChannelHandlerContext channel;
    /** the WebSocket encoder's context: a write through it starts below the encoder; or null */
    private final ChannelHandlerContext belowEncoder;
    private final long maxBytes;
    private boolean closed;

    RawOutbound(WebSocketConnection connection, ChannelHandlerContext channel, long maxBytes) {
        this.connection = connection;
        this.channel = channel;
        this.belowEncoder = NettyAccess.encoder(channel);
        this.maxBytes = maxBytes;
    }

    @Override
    public Executor loop() {
        return channel.executor();
    }

    @Override
    public void send(String frame) {
        write(frame.getBytes(StandardCharsets.UTF_8));
    }

    /** A frame shared by many recipients: its wire bytes are made once and written as they are. */
    @Override
    public void send(Utf8Frame frame) {
        if (belowEncoder == null) {
            write(frame.bytes());
        } else if (fits(frame.bytes().length)) {
            ByteBuf wire = ((ByteBuf) frame.wire(WireFrames::text)).duplicate();
            belowEncoder.write(wire, belowEncoder.voidPromise());
        }
    }

    private void write(byte[] frame) {
        if (fits(frame.length)) {
            channel.write(new TextWebSocketFrame(Unpooled.wrappedBuffer(frame)), channel.voidPromise());
        }
    }

    /** Whether the frame may be written: the channel is open and its client keeps up. */
    private boolean fits(int length) {
        if (closed) {
            return false;
        }
        ChannelOutboundBuffer buffer = channel.channel().unsafe().outboundBuffer();
        if (buffer == null) {
            closed = true; // the channel is closed
            return false;
        }
        if (buffer.totalPendingWriteBytes() + length > maxBytes) {
            close(BoundedOutbound.POLICY_VIOLATION, "too slow: more than " + maxBytes + " bytes unread");
            channel.executor().schedule(() -> NettyAccess.hardClose(connection), ABORT_AFTER_MS,
                    java.util.concurrent.TimeUnit.MILLISECONDS);
            return false;
        }
        return true;
    }

    @Override
    public void flush() {
        channel.flush();
    }

    @Override
    public void close(int code, String reason) {
        if (closed) {
            return;
        }
        closed = true;
        channel.flush();
        connection.close(new CloseReason(code, reason)).subscribe().with(ok -> {
        }, failure -> LOG.debugf("close of %s failed: %s", connection.id(), failure.getMessage()));
    }
}

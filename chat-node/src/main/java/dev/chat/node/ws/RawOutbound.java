package dev.chat.node.ws;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;

import org.jboss.logging.Logger;

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
    private final long maxBytes;
    private boolean closed;

    RawOutbound(WebSocketConnection connection, ChannelHandlerContext channel, long maxBytes) {
        this.connection = connection;
        this.channel = channel;
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

    @Override
    public void send(Utf8Frame frame) {
        write(frame.bytes());
    }

    private void write(byte[] frame) {
        if (closed) {
            return;
        }
        ChannelOutboundBuffer buffer = channel.channel().unsafe().outboundBuffer();
        if (buffer == null) {
            closed = true; // the channel is closed
            return;
        }
        if (buffer.totalPendingWriteBytes() + frame.length > maxBytes) {
            close(BoundedOutbound.POLICY_VIOLATION, "too slow: more than " + maxBytes + " bytes unread");
            channel.executor().schedule(() -> NettyAccess.hardClose(connection), ABORT_AFTER_MS,
                    java.util.concurrent.TimeUnit.MILLISECONDS);
            return;
        }
        channel.write(new TextWebSocketFrame(Unpooled.wrappedBuffer(frame)), channel.voidPromise());
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

package dev.chat.node.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;

/** The frames written below the encoder are what a client's decoder reads, at every length form. */
class WireFramesTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 65_535, 65_536, 200_000})
    void aClientDecodesTheFrameWithItsTextWhateverTheLengthForm(int length) {
        String text = "é".repeat(length / 2) + "x".repeat(length % 2);
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteBuf shared = WireFrames.text(payload);
        // a client's decoder: server frames come unmasked
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameDecoder(
                WebSocketDecoderConfig.newBuilder().expectMaskedFrames(false).maxFramePayloadLength(1 << 20).build()));
        for (int recipient = 0; recipient < 2; recipient++) {
            assertTrue(client.writeInbound(shared.duplicate()));
            TextWebSocketFrame frame = client.readInbound();
            assertTrue(frame.isFinalFragment());
            assertEquals(text, frame.text(), "recipient " + recipient + " reads the same bytes");
            frame.release();
        }
        assertEquals(payload.length, shared.readableBytes() - (length < 126 ? 2 : length <= 0xFFFF ? 4 : 10));
        client.finishAndReleaseAll();
    }
}

package dev.chat.registry.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.chat.registry.TestImages;

/** The type of an upload comes from its first bytes, and only from them. */
class ImageTypeTest {

    @Test
    void recognisesRealImages() {
        assertEquals(Optional.of(ImageType.PNG), ImageType.detect(TestImages.png()));
        assertEquals(Optional.of(ImageType.JPEG), ImageType.detect(TestImages.jpeg()));
        assertEquals(Optional.of(ImageType.GIF), ImageType.detect(TestImages.gif()));
        assertEquals(Optional.of(ImageType.WEBP), ImageType.detect(TestImages.webp()));
    }

    @Test
    void recognisesTheBareSignatures() {
        assertEquals(Optional.of(ImageType.PNG),
                ImageType.detect(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' }));
        assertEquals(Optional.of(ImageType.JPEG), ImageType.detect(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF }));
        assertEquals(Optional.of(ImageType.GIF), ImageType.detect(ascii("GIF87a")));
        assertEquals(Optional.of(ImageType.GIF), ImageType.detect(ascii("GIF89a")));
        assertEquals(Optional.of(ImageType.WEBP), ImageType.detect(ascii("RIFF\0\0\0\0WEBP")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "hello", "<html><img src=x onerror=alert(1)>", "GIF88a", "GIF8", "RIFF\0\0\0\0WAVE",
            "RIFF\0\0\0\0WEB", "\u0089PNG\r\n\u001a", "%PDF-1.7" })
    void refusesEverythingElse(String content) {
        assertEquals(Optional.empty(), ImageType.detect(content.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void theMimeTypesAreTheImageOnes() {
        assertEquals("image/png", ImageType.PNG.mimeType());
        assertEquals("image/jpeg", ImageType.JPEG.mimeType());
        assertEquals("image/gif", ImageType.GIF.mimeType());
        assertEquals("image/webp", ImageType.WEBP.mimeType());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}

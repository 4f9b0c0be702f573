package dev.chat.registry;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HexFormat;

import javax.imageio.ImageIO;

/** Tiny images made in the test itself: real 1×1 PNG, JPEG and GIF files, and a 1×1 WebP. */
public final class TestImages {

    /** A lossless 1×1 WebP: RIFF header, "WEBP", one VP8L chunk. */
    private static final byte[] WEBP = HexFormat.of()
            .parseHex("524946461a000000574542505650384c0d0000002f00000010071011118888fe0700");

    private TestImages() {
    }

    public static byte[] png() {
        return write("png", BufferedImage.TYPE_INT_ARGB);
    }

    public static byte[] jpeg() {
        return write("jpeg", BufferedImage.TYPE_INT_RGB);
    }

    public static byte[] gif() {
        return write("gif", BufferedImage.TYPE_INT_RGB);
    }

    public static byte[] webp() {
        return WEBP.clone();
    }

    /** A PNG signature followed by zeros up to {@code size} bytes: passes the magic-byte check. */
    public static byte[] pngOfSize(int size) {
        return Arrays.copyOf(png(), size);
    }

    private static byte[] write(String format, int imageType) {
        BufferedImage image = new BufferedImage(1, 1, imageType);
        image.setRGB(0, 0, 0xFF3366CC);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

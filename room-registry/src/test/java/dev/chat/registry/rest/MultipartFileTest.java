package dev.chat.registry.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.chat.registry.TestImages;
import dev.chat.registry.service.InvalidRequestException;

/** The file part of a multipart upload, byte for byte, whatever comes around it. */
class MultipartFileTest {

    private static final String TYPE = "multipart/form-data; boundary=XyZ";

    @Test
    void extractsTheFilePartByteForByte() {
        byte[] png = TestImages.png();
        byte[] body = body("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n", png, "\r\n--XyZ--\r\n");
        assertArrayEquals(png, MultipartFile.firstFile(body, TYPE));
    }

    @Test
    void skipsThePreambleAndPartsThatAreNotFiles() {
        // the bytes of a file may contain CR LF and dashes, just not the delimiter
        byte[] file = "\r\n--Xy\r\n-- data\r\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = body("preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"room\"\r\n\r\ngeneral\r\n"
                + "--XyZ\r\n\r\nno headers\r\n"
                + "--XyZ\r\ncontent-disposition: form-data; name=\"f\"; filename=\"x\"\r\n\r\n", file,
                "\r\n--XyZ--");
        assertArrayEquals(file, MultipartFile.firstFile(body, "Multipart/Form-Data; charset=utf-8; boundary=\"XyZ\""));
    }

    @Test
    void anEmptyFileIsEmpty() {
        byte[] body = body("--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\r\n\r\n", new byte[0],
                "\r\n--XyZ--\r\n");
        assertArrayEquals(new byte[0], MultipartFile.firstFile(body, TYPE));
    }

    @Test
    void refusesBodiesWithoutAFilePartOrBoundary() {
        byte[] noFile = body("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--XyZ--\r\n", new byte[0], "");
        assertThrows(InvalidRequestException.class, () -> MultipartFile.firstFile(noFile, TYPE));
        byte[] unterminated = body("--XyZ\r\nContent-Disposition: form-data; filename=\"a\"\r\n\r\n", TestImages.png(), "");
        assertThrows(InvalidRequestException.class, () -> MultipartFile.firstFile(unterminated, TYPE));
        assertThrows(InvalidRequestException.class, () -> MultipartFile.firstFile(TestImages.png(), TYPE));
        assertThrows(InvalidRequestException.class,
                () -> MultipartFile.firstFile(new byte[0], "multipart/form-data"));
        assertThrows(InvalidRequestException.class,
                () -> MultipartFile.firstFile(new byte[0], "multipart/form-data; boundary=" + "b".repeat(71)));
    }

    @Test
    void knowsMultipartFromOtherTypes() {
        assertTrue(MultipartFile.isMultipart(TYPE));
        assertTrue(MultipartFile.isMultipart(" MULTIPART/FORM-DATA;boundary=a"));
        assertFalse(MultipartFile.isMultipart("image/png"));
        assertFalse(MultipartFile.isMultipart("multipart/mixed; boundary=a"));
        assertFalse(MultipartFile.isMultipart(null));
    }

    private static byte[] body(String head, byte[] content, String tail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(content);
        out.writeBytes(tail.getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }
}

package dev.chat.registry.rest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

import dev.chat.registry.service.InvalidRequestException;

/**
 * The file part of a {@code multipart/form-data} upload (RFC 7578), for clients that post an
 * {@code <input type="file">} form rather than the raw bytes. Only what an upload needs: the first
 * part whose {@code Content-Disposition} names a {@code filename}; its declared type is ignored
 * like any other. Works on the buffered body, which the HTTP limit keeps small.
 */
final class MultipartFile {

    /** RFC 2046: a boundary is 1 to 70 characters. */
    static final int MAX_BOUNDARY = 70;

    private static final byte[] CRLF = { '\r', '\n' };
    private static final byte[] HEADERS_END = { '\r', '\n', '\r', '\n' };

    private MultipartFile() {
    }

    static boolean isMultipart(String contentType) {
        return contentType != null
                && contentType.strip().toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    /** The bytes of the first file part; refuses a body without one. */
    static byte[] firstFile(byte[] body, String contentType) {
        String boundary = boundary(contentType);
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] closing = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int at = indexOf(body, delimiter, 0);
        while (at >= 0) {
            int pos = at + delimiter.length;
            if (!startsWith(body, pos, CRLF)) {
                break; // "--" after the delimiter ends the body; anything else is malformed
            }
            pos += CRLF.length;
            // from the delimiter's own line end: a part without headers starts with the blank line
            int headersEnd = indexOf(body, HEADERS_END, pos - CRLF.length);
            if (headersEnd < 0) {
                break;
            }
            String headers = new String(body, pos, Math.max(0, headersEnd - pos), StandardCharsets.ISO_8859_1);
            int contentStart = headersEnd + HEADERS_END.length;
            int contentEnd = indexOf(body, closing, contentStart);
            if (contentEnd < 0) {
                break;
            }
            if (isFile(headers)) {
                return Arrays.copyOfRange(body, contentStart, contentEnd);
            }
            at = contentEnd + CRLF.length;
        }
        throw new InvalidRequestException("multipart body has no file part", null);
    }

    private static String boundary(String contentType) {
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.strip().split("=", 2);
            if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("boundary")) {
                String value = pair[1].strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                if (value.isEmpty() || value.length() > MAX_BOUNDARY) {
                    break;
                }
                return value;
            }
        }
        throw new InvalidRequestException("multipart/form-data needs a boundary of 1 to " + MAX_BOUNDARY
                + " characters", null);
    }

    private static boolean isFile(String headers) {
        for (String line : headers.split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-disposition:") && lower.contains("filename")) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] data, int offset, byte[] prefix) {
        if (offset < 0 || data.length - offset < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] data, byte[] needle, int from) {
        for (int i = Math.max(0, from); i <= data.length - needle.length; i++) {
            if (startsWith(data, i, needle)) {
                return i;
            }
        }
        return -1;
    }
}

package dev.chat.registry.mapping;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The answer to an upload: the id to put in a {@code send} frame's {@code attachments}, the URL
 * the image is served at, its type as recognised from its bytes, and its size in bytes.
 */
@JsonPropertyOrder({ "id", "url", "type", "size" })
public record AttachmentView(String id, String url, String type, long size) {

    public static final String URL_PREFIX = "/api/attachments/";

    public static AttachmentView of(String id, String type, long size) {
        return new AttachmentView(id, URL_PREFIX + id, type, size);
    }
}

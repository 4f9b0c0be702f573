package dev.chat.registry.service;

/** An attachment as read back: the MIME type decided at upload and the image bytes. */
public record StoredAttachment(String type, byte[] data) {
}

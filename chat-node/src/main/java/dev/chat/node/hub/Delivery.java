package dev.chat.node.hub;

/** A message frame with its room-wide id. */
public record Delivery(long seq, String frame) {
}

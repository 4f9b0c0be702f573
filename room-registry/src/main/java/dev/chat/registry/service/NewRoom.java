package dev.chat.registry.service;

/** A validated creation request: the name is trimmed, the numbers are among the allowed options. */
public record NewRoom(String name, long clearIntervalSeconds, long expirySeconds, boolean historyForNewcomers) {
}

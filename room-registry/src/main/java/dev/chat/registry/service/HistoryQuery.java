package dev.chat.registry.service;

/**
 * One page of {@code GET /api/rooms/{id}/messages}: messages older than {@code before} (null for
 * the newest), at most {@code limit}, newest first.
 */
public record HistoryQuery(Long before, int limit) {
}

package dev.chat.node.identity;

/** An anonymous visitor: a generated id and display name. */
public record User(String id, String name) {
}

package dev.chat.registry.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Loads the registry's Lua scripts from {@code src/main/resources/lua}: each multi-key change is
 * one script so that Redis applies it whole or not at all, and scripts read better as files.
 */
final class LuaScripts {

    static final String CREATE_ROOM = load("create-room.lua");
    static final String DELETE_ROOM = load("delete-room.lua");
    static final String PRUNE_ROOMS = load("prune-rooms.lua");

    private LuaScripts() {
    }

    private static String load(String name) {
        try (InputStream in = LuaScripts.class.getClassLoader().getResourceAsStream("lua/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource lua/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

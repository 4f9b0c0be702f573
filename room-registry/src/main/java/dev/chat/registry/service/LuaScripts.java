package dev.chat.registry.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import dev.chat.contract.LuaScript;

/**
 * The registry's Lua scripts, from {@code src/main/resources/lua/registry/} (a folder of their own,
 * so they never shadow the contract's {@code lua/send.lua} on the classpath): each multi-key change
 * within one slot is one script so that Redis applies it whole or not at all; an operation over
 * several slots is several scripts in an order that is safe to stop at (docs/redis-cluster.md). They run as the contract's
 * {@link LuaScript} (EVALSHA, the source only after a Redis restart), except the attachment
 * upload, whose image argument is binary and which {@link LuaScript} (string arguments) cannot
 * carry: it goes by plain EVAL, where the script is a few hundred bytes next to up to 2 MiB.
 */
final class LuaScripts {

    static final LuaScript CREATE_META = LuaScript.resource("registry/create-meta.lua");
    static final LuaScript CLAIM_NAME = LuaScript.resource("registry/claim-name.lua");
    static final LuaScript DELETE_ROOM = LuaScript.resource("registry/delete-room.lua");
    static final LuaScript PRUNE_ROOMS = LuaScript.resource("registry/prune-rooms.lua");
    static final LuaScript HISTORY_PAGE = LuaScript.resource("registry/history-page.lua");
    static final LuaScript RESERVE_ATTACHMENT = LuaScript.resource("registry/reserve-attachment.lua");
    static final LuaScript RELEASE_ATTACHMENTS = LuaScript.resource("registry/release-attachments.lua");
    static final String STORE_ATTACHMENT = source("registry/store-attachment.lua");

    private LuaScripts() {
    }

    private static String source(String name) {
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

package dev.chat.node.ws;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;

import dev.chat.node.config.NodeConfig;

/**
 * Bounds what the kernel buffers per connection, so slow clients are noticed and memory is
 * capped; and speaks HTTP/1.1 only: a cleartext HTTP/2 upgrade (h2c) or preface would open a
 * second protocol, with streams of its own, past everything the WebSocket endpoint bounds.
 */
@ApplicationScoped
public class SocketOptions implements HttpServerOptionsCustomizer {

    @Inject
    NodeConfig config;

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setSendBufferSize(config.limits().socketSendBuffer());
        options.setHttp2ClearTextEnabled(false);
    }
}

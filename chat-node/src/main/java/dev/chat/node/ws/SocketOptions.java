package dev.chat.node.ws;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;

import dev.chat.node.config.NodeConfig;

/** Bounds what the kernel buffers per connection, so slow clients are noticed and memory is capped. */
@ApplicationScoped
public class SocketOptions implements HttpServerOptionsCustomizer {

    @Inject
    NodeConfig config;

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setSendBufferSize(config.limits().socketSendBuffer());
    }
}

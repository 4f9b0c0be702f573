package dev.chat.node.service;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.chat.node.hub.ClientSession;
import dev.chat.node.identity.IdentityTokens;
import dev.chat.node.identity.User;
import dev.chat.node.protocol.ClientFrame;
import dev.chat.node.protocol.ErrorCode;
import dev.chat.node.protocol.ProtocolException;
import dev.chat.node.protocol.ServerFrames;

/**
 * The identity token sent in a frame ({@code auth}) instead of the upgrade URL, where proxies and
 * access logs would keep it. Taken before the first join only: the connection then becomes that
 * user, answered with {@code identity} (and a fresh token). A token that is not valid changes
 * nothing and is answered with the connection's own identity, as {@code ?token=} does.
 */
final class FirstFrameToken {

    private FirstFrameToken() {
    }

    static CompletionStage<Void> authenticate(ClientSession session, ClientFrame.Auth auth, IdentityTokens tokens) {
        if (session.room() != null) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "'auth' must come before 'join'");
        }
        User user = tokens.verify(auth.token()).orElse(session.user());
        session.adopt(user);
        session.send(ServerFrames.identity(user, tokens.issue(user)));
        return CompletableFuture.completedFuture(null);
    }
}

package dev.chat.node.identity;

import java.util.Optional;

import dev.chat.contract.IdentitySignature;

/**
 * Anonymous identities that survive a reload or a reconnect to another node: the server signs
 * {@code id + name} with a secret every node shares (the contract's {@link IdentitySignature},
 * which the registry verifies too), and trusts a presented token only when the signature matches
 * and the name still follows the naming rule. A forged or altered token is simply not trusted.
 */
public final class IdentityTokens {

    private final IdentitySignature signature;

    public IdentityTokens(byte[] secret) {
        this.signature = new IdentitySignature(secret);
    }

    public String issue(User user) {
        return signature.issue(user.id(), user.name());
    }

    public Optional<User> verify(String token) {
        return signature.verify(token).filter(claims -> Names.validate(claims.name()) == null)
                .map(claims -> new User(claims.userId(), claims.name()));
    }
}

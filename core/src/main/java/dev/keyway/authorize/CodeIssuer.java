package dev.keyway.authorize;

import dev.keyway.Secret;
import dev.keyway.internal.Hashing;
import dev.keyway.internal.SecureTokens;
import dev.keyway.internal.ServerContext;
import dev.keyway.spi.code.AuthorizationCodeRecord;
import dev.keyway.spi.code.CodeState;
import java.time.Instant;

/**
 * Issues authorization codes (RFC 6749 §4.1.2): a fresh 256-bit random value whose SHA-256 hash is
 * stored, bound to the client, redirect URI, user, scopes and PKCE challenge, expiring after the
 * configured code lifetime. The raw code leaves only inside the redirect to the client.
 */
final class CodeIssuer {

  private final ServerContext ctx;

  CodeIssuer(ServerContext ctx) {
    this.ctx = ctx;
  }

  /** Stores a new code for {@code request}, approved by {@code subject}, and returns its value. */
  Secret issue(AuthorizationRequest request, String subject, Instant authTime) {
    String code = SecureTokens.newToken();
    Instant now = ctx.now();
    ctx.codes()
        .save(
            new AuthorizationCodeRecord(
                Hashing.tokenHash(code),
                request.clientId(),
                request.redirectUri(),
                request.redirectUriSent(),
                subject,
                request.scopes(),
                request.codeChallenge(),
                request.codeChallengeMethod(),
                SecureTokens.newId(),
                authTime,
                now,
                now.plus(ctx.settings().codeTtl()),
                CodeState.ISSUED));
    return Secret.of(code);
  }
}

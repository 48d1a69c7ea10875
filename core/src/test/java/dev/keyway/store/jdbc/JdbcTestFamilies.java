package dev.keyway.store.jdbc;

import dev.keyway.spi.TokenHash;
import dev.keyway.spi.code.AuthorizationCodeRecord;
import dev.keyway.spi.code.CodeState;
import dev.keyway.spi.token.AccessTokenRecord;
import dev.keyway.spi.token.AccessTokenState;
import dev.keyway.spi.token.GrantRecord;
import dev.keyway.spi.token.GrantState;
import dev.keyway.spi.token.RefreshTokenRecord;
import dev.keyway.spi.token.RefreshTokenState;
import dev.keyway.spi.token.TokenStore;
import dev.keyway.store.contract.ContractFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** Records for the JDBC-specific tests (the contracts have their own). */
final class JdbcTestFamilies {

  static final Instant NOW = ContractFixtures.T0;

  /** A grant with its first access and refresh token. */
  record Family(GrantRecord grant, AccessTokenRecord accessToken, RefreshTokenRecord refreshToken) {
    String grantId() {
      return grant.grantId();
    }

    TokenHash rt() {
      return refreshToken.tokenHash();
    }
  }

  private JdbcTestFamilies() {}

  static Family family(String subject, String clientId) {
    GrantRecord g =
        new GrantRecord(
            ContractFixtures.newId("grant"),
            clientId,
            subject,
            Set.of("read"),
            null,
            NOW,
            NOW.plus(Duration.ofDays(7)),
            NOW,
            GrantState.ACTIVE);
    return new Family(
        g,
        accessToken(g.grantId(), clientId, subject),
        new RefreshTokenRecord(
            ContractFixtures.newHash(),
            g.grantId(),
            clientId,
            subject,
            g.scopes(),
            NOW,
            g.expiresAt(),
            RefreshTokenState.ACTIVE,
            null,
            null));
  }

  static Family stored(TokenStore store, String subject, String clientId) {
    Family f = family(subject, clientId);
    store.createGrant(f.grant(), f.accessToken(), f.refreshToken());
    return f;
  }

  static AccessTokenRecord accessToken(String grantId, String clientId, String subject) {
    return new AccessTokenRecord(
        ContractFixtures.newHash(),
        grantId,
        clientId,
        subject,
        Set.of("read"),
        NOW,
        NOW.plus(Duration.ofHours(1)),
        AccessTokenState.ACTIVE);
  }

  static RefreshTokenRecord successorOf(RefreshTokenRecord rt) {
    return new RefreshTokenRecord(
        ContractFixtures.newHash(),
        rt.grantId(),
        rt.clientId(),
        rt.subject(),
        rt.scopes(),
        NOW,
        rt.expiresAt(),
        RefreshTokenState.ACTIVE,
        null,
        null);
  }

  static AccessTokenRecord accessTokenOf(RefreshTokenRecord rt) {
    return accessToken(rt.grantId(), rt.clientId(), rt.subject());
  }

  static AuthorizationCodeRecord code() {
    return new AuthorizationCodeRecord(
        ContractFixtures.newHash(),
        "client-1",
        "https://app.example.com/cb",
        true,
        "alice",
        Set.of("read"),
        null,
        null,
        ContractFixtures.newId("grant"),
        null,
        NOW,
        NOW.plusSeconds(60),
        CodeState.ISSUED);
  }
}

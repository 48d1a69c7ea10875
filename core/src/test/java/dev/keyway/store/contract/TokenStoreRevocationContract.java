package dev.keyway.store.contract;

import static dev.keyway.store.contract.ContractFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.spi.TokenHash;
import dev.keyway.spi.token.AccessTokenRecord;
import dev.keyway.spi.token.AccessTokenState;
import dev.keyway.spi.token.GrantRecord;
import dev.keyway.spi.token.GrantState;
import dev.keyway.spi.token.RefreshTokenRecord;
import dev.keyway.spi.token.RefreshTokenState;
import dev.keyway.spi.token.RotateResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Revocation of tokens, grants, users and clients: part of the {@link TokenStoreContract}. */
public abstract class TokenStoreRevocationContract extends TokenStoreLifecycleContract {

  @Test
  @DisplayName("RV-05 revoking an access token revokes it alone, once")
  void revokeAccessTokenRevokesOnlyThatToken() {
    Family f = newFamily("alice", "c1");
    AccessTokenRecord cc = clientCredentialsToken("svc", T0.plus(ACCESS_LIFE));
    store.saveAccessToken(cc);
    assertThat(store.revokeAccessToken(f.accessToken().tokenHash())).isTrue();
    assertThat(store.revokeAccessToken(f.accessToken().tokenHash())).isFalse();
    assertThat(store.revokeAccessToken(cc.tokenHash())).isTrue();
    assertThat(store.revokeAccessToken(ContractFixtures.newHash())).isFalse();
    assertThat(access(f.accessToken().tokenHash()).state()).isEqualTo(AccessTokenState.REVOKED);
    assertThat(store.findGrant(f.grantId()).orElseThrow().state()).isEqualTo(GrantState.ACTIVE);
    assertThat(refresh(f.refreshToken().tokenHash()).state()).isEqualTo(RefreshTokenState.ACTIVE);
  }

  @Test
  @DisplayName("RV-04 RF-02 revoking a grant revokes every refresh and access token of the family")
  void revokeGrantRevokesTheWholeFamily() {
    Family f = newFamily("alice", "c1");
    Family other = newFamily("alice", "c1");
    rotate(f.refreshToken());
    RefreshTokenRecord second = refresh(refresh(f.refreshToken().tokenHash()).successorHash());
    rotate(second);
    List<RefreshTokenRecord> rts = familyRefreshTokens(f.refreshToken());
    assertThat(rts).hasSize(3);

    assertThat(store.revokeGrant(f.grantId())).isTrue();
    assertThat(store.revokeGrant(f.grantId())).as("idempotent").isFalse();
    assertThat(store.revokeGrant("no-such-grant")).isFalse();

    assertThat(store.findGrant(f.grantId()).orElseThrow().state()).isEqualTo(GrantState.REVOKED);
    assertThat(rts)
        .allSatisfy(
            rt -> assertThat(refresh(rt.tokenHash()).state()).isEqualTo(RefreshTokenState.REVOKED));
    assertThat(access(f.accessToken().tokenHash()).state()).isEqualTo(AccessTokenState.REVOKED);
    assertThat(rotate(rts.get(2))).isInstanceOf(RotateResult.Revoked.class);
    assertThat(access(other.accessToken().tokenHash()).state()).isEqualTo(AccessTokenState.ACTIVE);
    assertThat(refresh(other.refreshToken().tokenHash()).state())
        .isEqualTo(RefreshTokenState.ACTIVE);
  }

  @Test
  @DisplayName("RL-12 revoking a family with 10^4 access tokens revokes all of them")
  void revokeGrantWithLargeFanOut() {
    Family f = newFamily("alice", "c1");
    List<TokenHash> accessTokens = new ArrayList<>();
    accessTokens.add(f.accessToken().tokenHash());
    RefreshTokenRecord current = f.refreshToken();
    for (int i = 1; i < fanOut(); i++) {
      RefreshTokenRecord next = successorOf(current);
      AccessTokenRecord at = accessTokenOf(current);
      assertThat(store.rotate(current.tokenHash(), next, at, clock.instant()))
          .isInstanceOf(RotateResult.Rotated.class);
      accessTokens.add(at.tokenHash());
      current = next;
    }
    assertThat(store.revokeGrant(f.grantId())).isTrue();
    assertThat(accessTokens)
        .hasSize(fanOut())
        .allSatisfy(h -> assertThat(access(h).state()).isEqualTo(AccessTokenState.REVOKED));
    assertThat(refresh(current.tokenHash()).state()).isEqualTo(RefreshTokenState.REVOKED);
  }

  @Test
  @DisplayName("revokeGrants revokes one user's grants with one client, and nothing else")
  void revokeGrantsOfSubjectAndClient() {
    Family a1 = newFamily("alice", "c1");
    Family a1b = newFamily("alice", "c1");
    Family a2 = newFamily("alice", "c2");
    Family b1 = newFamily("bob", "c1");
    Family upper = newFamily("Alice", "c1");
    assertThat(store.revokeGrants("alice", "c1")).isEqualTo(2);
    assertThat(store.revokeGrants("alice", "c1")).isZero();
    assertRevoked(a1, a1b);
    assertActive(a2, b1, upper);
  }

  @Test
  @DisplayName("revokeGrantsOfSubject signs a user out everywhere, and nobody else")
  void revokeGrantsOfSubjectRevokesEveryClient() {
    Family a1 = newFamily("alice", "c1");
    Family a2 = newFamily("alice", "c2");
    Family b1 = newFamily("bob", "c1");
    assertThat(store.revokeGrantsOfSubject("alice")).isEqualTo(2);
    assertThat(store.revokeGrantsOfSubject("alice")).isZero();
    assertRevoked(a1, a2);
    assertActive(b1);
    assertThat(store.findActiveGrantsOfSubject("alice", T0)).isEmpty();
  }

  @Test
  @DisplayName("revokeAllOfClient revokes its grants and its grant-less client-credentials tokens")
  void revokeAllOfClientIncludesClientCredentialsTokens() {
    Family a = newFamily("alice", "gone");
    Family b = newFamily("bob", "gone");
    Family kept = newFamily("alice", "kept");
    Family caseDiffers = newFamily("alice", "Gone");
    AccessTokenRecord cc1 = clientCredentialsToken("gone", T0.plus(ACCESS_LIFE));
    AccessTokenRecord cc2 = clientCredentialsToken("gone", T0.plus(ACCESS_LIFE));
    AccessTokenRecord ccKept = clientCredentialsToken("kept", T0.plus(ACCESS_LIFE));
    store.saveAccessToken(cc1);
    store.saveAccessToken(cc2);
    store.saveAccessToken(ccKept);
    store.revokeAccessToken(cc2.tokenHash());

    assertThat(store.revokeAllOfClient("gone"))
        .as("2 grants + 1 still-active grant-less token")
        .isEqualTo(3);
    assertThat(store.revokeAllOfClient("gone")).isZero();
    assertRevoked(a, b);
    assertThat(access(cc1.tokenHash()).state()).isEqualTo(AccessTokenState.REVOKED);
    assertActive(kept, caseDiffers);
    assertThat(access(ccKept.tokenHash()).state()).isEqualTo(AccessTokenState.ACTIVE);
  }

  @Test
  void findActiveGrantsOfSubjectListsLiveGrantsOldestFirst() {
    Family first = newFamily("alice", "c2");
    clock.advance(Duration.ofSeconds(5));
    Family second = newFamily("alice", "c1");
    Family revoked = newFamily("alice", "c3");
    store.revokeGrant(revoked.grantId());
    newFamily("alice", "c4", clock.instant().plusSeconds(1), clock.instant().plusSeconds(1));
    newFamily("bob", "c1");
    List<GrantRecord> grants =
        store.findActiveGrantsOfSubject("alice", clock.instant().plusSeconds(1));
    assertThat(grants)
        .extracting(GrantRecord::grantId)
        .containsExactly(first.grantId(), second.grantId());
  }

  /** The family's refresh tokens, following successors from {@code first}. */
  protected List<RefreshTokenRecord> familyRefreshTokens(RefreshTokenRecord first) {
    List<RefreshTokenRecord> out = new ArrayList<>();
    RefreshTokenRecord rt = refresh(first.tokenHash());
    out.add(rt);
    while (rt.successorHash() != null) {
      rt = refresh(rt.successorHash());
      out.add(rt);
    }
    return out;
  }

  protected void assertRevoked(Family... families) {
    for (Family f : families) {
      assertThat(store.findGrant(f.grantId()).orElseThrow().state()).isEqualTo(GrantState.REVOKED);
      assertThat(access(f.accessToken().tokenHash()).state()).isEqualTo(AccessTokenState.REVOKED);
      assertThat(refresh(f.refreshToken().tokenHash()).state())
          .isEqualTo(RefreshTokenState.REVOKED);
    }
  }

  protected void assertActive(Family... families) {
    for (Family f : families) {
      assertThat(store.findGrant(f.grantId()).orElseThrow().state()).isEqualTo(GrantState.ACTIVE);
      assertThat(access(f.accessToken().tokenHash()).state()).isEqualTo(AccessTokenState.ACTIVE);
      assertThat(refresh(f.refreshToken().tokenHash()).state()).isEqualTo(RefreshTokenState.ACTIVE);
    }
  }
}

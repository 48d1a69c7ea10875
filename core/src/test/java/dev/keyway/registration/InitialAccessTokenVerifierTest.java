package dev.keyway.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.Secret;
import dev.keyway.internal.Hashing;
import java.util.List;
import org.junit.jupiter.api.Test;

class InitialAccessTokenVerifierTest {

  @Test
  void fixedTokensAreAcceptedAndNothingElse() {
    InitialAccessTokenVerifier verifier =
        InitialAccessTokenVerifier.fixed(Secret.of("token-one"), Secret.of("token-two"));

    assertThat(verifier.verify(Secret.of("token-one"))).contains(InitialAccess.unowned());
    assertThat(verifier.verify(Secret.of("token-two"))).isPresent();
    assertThat(verifier.verify(Secret.of("token-three"))).isEmpty();
    assertThat(verifier.verify(Secret.of("token-on"))).isEmpty();
    assertThat(verifier.verify(Secret.of(""))).isEmpty();
  }

  @Test
  void configurationMayHoldHashesInsteadOfTokens() {
    InitialAccessTokenVerifier verifier =
        InitialAccessTokenVerifier.ofHashes(List.of(Hashing.tokenHash("from-the-vault")));

    assertThat(verifier.verify(Secret.of("from-the-vault"))).isPresent();
    assertThat(verifier.verify(Secret.of(Hashing.tokenHash("from-the-vault").value()))).isEmpty();
  }

  @Test
  void anEmptyListIsAConfigurationError() {
    assertThatThrownBy(() -> InitialAccessTokenVerifier.ofHashes(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(InitialAccessTokenVerifier::fixed)
        .isInstanceOf(IllegalArgumentException.class);
  }
}

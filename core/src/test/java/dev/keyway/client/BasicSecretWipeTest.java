package dev.keyway.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.ErrorCode;
import dev.keyway.event.SecurityEvent;
import dev.keyway.jwtfixtures.JwtFixtures;
import dev.keyway.spi.GrantType;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.client.ClientSecret;
import dev.keyway.store.memory.InMemoryClientStore;
import dev.keyway.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A Basic secret read in place is zeroed after the check, whatever the check decided. */
class BasicSecretWipeTest {

  private static final String SECRET = "wipe-me-0123456789abcdefghijklmnopqrstuvwxyzABCD";

  private final MutableClock clock = MutableClock.start();
  private final InMemoryClientStore clients = new InMemoryClientStore();
  private final List<SecurityEvent> events = new ArrayList<>();
  private final ClientAuthenticator authenticator =
      JwtFixtures.authenticator(clock, clients, events::add);

  BasicSecretWipeTest() {
    clients.save(
        Client.builder("svc")
            .secret(new ClientSecret(new Sha256SecretHasher().hash(SECRET), Instant.EPOCH, null))
            .grantTypes(GrantType.CLIENT_CREDENTIALS)
            .build());
  }

  private static BasicCredentials parse(String id, String secret) {
    String header =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((id + ":" + secret).getBytes(StandardCharsets.US_ASCII));
    return BasicCredentials.parse(header).orElseThrow();
  }

  private static void assertWiped(BasicCredentials basic, String secret) {
    assertThat(basic.secret().reveal()).isEqualTo("\0".repeat(secret.length()));
  }

  @Test
  @DisplayName("L: the right secret authenticates, then its bytes are zeroed")
  void wipedAfterSuccess() {
    BasicCredentials basic = parse("svc", SECRET);

    ClientAuthentication result = authenticator.authenticateBasic(basic, null);

    assertThat(result).isInstanceOf(ClientAuthentication.Authenticated.class);
    assertWiped(basic, SECRET);
  }

  @Test
  @DisplayName(
      "L: a wrong secret, an unknown client and a mismatched client_id are refused, then zeroed")
  void wipedAfterEveryRefusal() {
    BasicCredentials wrong = parse("svc", SECRET.replace('w', 'x'));
    BasicCredentials unknown = parse("nobody", SECRET);
    BasicCredentials mismatched = parse("svc", SECRET);

    ClientAuthentication wrongResult = authenticator.authenticateBasic(wrong, null);
    ClientAuthentication unknownResult = authenticator.authenticateBasic(unknown, null);
    ClientAuthentication mismatchResult = authenticator.authenticateBasic(mismatched, "other");

    assertThat(((ClientAuthentication.Failed) wrongResult).error().code())
        .isEqualTo(ErrorCode.INVALID_CLIENT);
    assertThat(((ClientAuthentication.Failed) unknownResult).error().code())
        .isEqualTo(ErrorCode.INVALID_CLIENT);
    assertThat(((ClientAuthentication.Failed) mismatchResult).error().code())
        .isEqualTo(ErrorCode.INVALID_REQUEST);
    assertWiped(wrong, SECRET);
    assertWiped(unknown, SECRET);
    assertWiped(mismatched, SECRET);
  }

  @Test
  @DisplayName("L: a wiped secret no longer matches: the check read the bytes before the wipe")
  void checkPrecedesWipe() {
    BasicCredentials basic = parse("svc", SECRET);
    assertThat(authenticator.authenticateBasic(basic, null))
        .isInstanceOf(ClientAuthentication.Authenticated.class);

    assertThat(authenticator.authenticateBasic(basic, null))
        .isInstanceOf(ClientAuthentication.Failed.class);
  }
}

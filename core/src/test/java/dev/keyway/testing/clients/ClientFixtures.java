package dev.keyway.testing.clients;

import dev.keyway.AuthorizationServer;
import dev.keyway.AuthorizationServerBuilder;
import dev.keyway.client.ClientAuthentication;
import dev.keyway.client.ClientAuthenticator;
import dev.keyway.client.ClientMetadata;
import dev.keyway.internal.Parameters;
import dev.keyway.internal.ServerContext;
import dev.keyway.spi.OAuthRequest;
import dev.keyway.spi.user.ResourceOwner;
import dev.keyway.spi.user.UserAuthenticator;
import dev.keyway.testing.MutableClock;
import java.lang.reflect.Field;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Fixture servers, users and app metadata for the client-management tests. */
public final class ClientFixtures {

  public static final String ISSUER = "https://auth.example.com";

  private ClientFixtures() {}

  /** A host sign-in where nobody is ever signed in (these tests never authorize). */
  public static UserAuthenticator nobody() {
    return new UserAuthenticator() {
      @Override
      public Optional<ResourceOwner> currentUser(OAuthRequest request) {
        return Optional.empty();
      }

      @Override
      public URI signInPage(OAuthRequest request, String returnTo) {
        return URI.create("/login");
      }
    };
  }

  /**
   * A server builder with the fixture issuer, clock and scopes {@code profile} and {@code email}.
   */
  public static AuthorizationServerBuilder server(MutableClock clock) {
    return AuthorizationServer.builder()
        .issuer(ISSUER)
        .users(nobody())
        .clock(clock)
        .scopesSupported("profile", "email");
  }

  /** A valid confidential web app. */
  public static ClientMetadata.Builder webApp() {
    return ClientMetadata.builder()
        .clientName("Photo Printer")
        .redirectUris("https://printer.example/callback")
        .scopes("profile")
        .owner("dev-alice");
  }

  /** A valid public native app. */
  public static ClientMetadata.Builder nativeApp() {
    return ClientMetadata.builder()
        .publicClient()
        .clientName("Printer for Android")
        .redirectUris("com.example.printer:/oauth2redirect", "http://127.0.0.1/callback")
        .scopes("profile")
        .owner("dev-alice");
  }

  /**
   * The context a built server runs with. Read reflectively so these tests do not depend on {@code
   * ServerContext}'s constructor, which other parts of the engine extend.
   */
  public static ServerContext contextOf(AuthorizationServer server) {
    try {
      Field field = AuthorizationServer.class.getDeclaredField("ctx");
      field.setAccessible(true);
      return (ServerContext) field.get(server);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Authenticates at the token endpoint's {@link ClientAuthenticator} with {@code
   * client_secret_post}, as a token request would.
   */
  public static ClientAuthentication authenticate(
      AuthorizationServer server, String clientId, String secret) {
    Parameters params =
        Parameters.of(Map.of("client_id", List.of(clientId), "client_secret", List.of(secret)));
    return new ClientAuthenticator(contextOf(server))
        .authenticate(OAuthRequest.builder("POST").build(), params);
  }
}

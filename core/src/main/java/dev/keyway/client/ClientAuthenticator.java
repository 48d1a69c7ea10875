package dev.keyway.client;

import dev.keyway.ErrorCode;
import dev.keyway.OAuthError;
import dev.keyway.event.SecurityEvent;
import dev.keyway.internal.Parameters;
import dev.keyway.internal.ServerContext;
import dev.keyway.spi.OAuthRequest;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.client.ClientAuthMethod;
import dev.keyway.spi.client.ClientSecret;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Authenticates the client of a token, revocation or introspection request (RFC 6749 §2.3, §3.2.1).
 *
 * <ul>
 *   <li>{@code client_secret_basic}: an {@code Authorization: Basic} header, parsed strictly.
 *   <li>{@code client_secret_post}: {@code client_id} and {@code client_secret} in the body.
 *   <li>{@code private_key_jwt}: {@code client_assertion_type} and {@code client_assertion} (RFC
 *       7523 §2.2), checked by {@link ClientAssertionVerifier}.
 *   <li>{@code none}: a public client sending only {@code client_id}.
 * </ul>
 *
 * Two methods in one request are {@code invalid_request} (RFC 6749 §2.3). Every failure is the same
 * {@code invalid_client} whatever went wrong (unknown client, wrong secret, expired secret, a
 * method the client may not use), with status 401 and a {@code WWW-Authenticate: Basic} challenge
 * when Basic was tried (§5.2). An unknown client costs the same hash work as a known one, so
 * response time does not reveal which client ids exist.
 */
public final class ClientAuthenticator {

  private static final String INVALID_CLIENT = "Client authentication failed";

  private final ServerContext ctx;
  private final String challenge;
  private final String dummyHash;
  private final ClientAssertionVerifier assertions;

  @SuppressWarnings(
      "exports") // API debt: internal type in a public signature (docs/contributing.md)
  public ClientAuthenticator(ServerContext ctx) {
    this.ctx = ctx;
    this.assertions = new ClientAssertionVerifier(ctx);
    this.challenge = "Basic realm=\"" + ctx.settings().issuer().getHost() + "\", charset=\"UTF-8\"";
    this.dummyHash = ctx.secretHasher().hash("keyway-timing-equaliser");
  }

  /** Authenticates the client from the request's header and its decoded form parameters. */
  @SuppressWarnings(
      "exports") // API debt: internal type in a public signature (docs/contributing.md)
  public ClientAuthentication authenticate(OAuthRequest request, Parameters params) {
    List<String> authorization = request.headers("authorization");
    String bodyId = params.getOrNull("client_id");
    String bodySecret = params.getOrNull("client_secret");
    if (params.getOrNull("client_assertion") != null
        || params.getOrNull("client_assertion_type") != null) {
      if (!authorization.isEmpty() || bodySecret != null) {
        return new ClientAuthentication.Failed(twoMethods());
      }
      return verifyAssertion(params, bodyId);
    }
    if (!authorization.isEmpty()) {
      if (authorization.size() > 1) {
        return new ClientAuthentication.Failed(
            OAuthError.invalidRequest("Only one Authorization header is allowed"));
      }
      if (bodySecret != null) {
        return new ClientAuthentication.Failed(twoMethods());
      }
      Optional<BasicCredentials> basic = BasicCredentials.parse(authorization.get(0));
      if (basic.isEmpty()) {
        return fail(
            null,
            ClientAuthMethod.CLIENT_SECRET_BASIC,
            "malformed or non-Basic Authorization header",
            true);
      }
      return authenticateBasic(basic.get(), bodyId);
    }
    if (bodySecret != null) {
      if (bodyId == null) {
        return fail(
            null, ClientAuthMethod.CLIENT_SECRET_POST, "client_secret without client_id", false);
      }
      return verifySecret(
          bodyId, PresentedSecret.of(bodySecret), ClientAuthMethod.CLIENT_SECRET_POST);
    }
    if (bodyId != null) {
      return identifyPublic(bodyId);
    }
    return fail(null, ClientAuthMethod.NONE, "no client authentication", false);
  }

  /**
   * Checks parsed Basic credentials (and a {@code client_id} in the body, which must agree), then
   * wipes the secret's bytes whatever the outcome.
   */
  ClientAuthentication authenticateBasic(BasicCredentials basic, String bodyId) {
    try {
      if (bodyId != null && !bodyId.equals(basic.clientId())) {
        return new ClientAuthentication.Failed(
            OAuthError.invalidRequest("The client_id does not match the Authorization header"));
      }
      return verifySecret(basic.clientId(), basic.secret(), ClientAuthMethod.CLIENT_SECRET_BASIC);
    } finally {
      basic.secret().wipe();
    }
  }

  private ClientAuthentication verifyAssertion(Parameters params, String bodyId) {
    ClientAssertionVerifier.Outcome outcome =
        assertions.verify(
            params.get("client_assertion_type").orElse(null),
            params.get("client_assertion").orElse(null),
            bodyId);
    if (outcome instanceof ClientAssertionVerifier.Verified verified) {
      return new ClientAuthentication.Authenticated(
          verified.client(), ClientAuthMethod.PRIVATE_KEY_JWT);
    }
    if (outcome instanceof ClientAssertionVerifier.Rejected rejected) {
      return fail(
          rejected.claimedClientId(), ClientAuthMethod.PRIVATE_KEY_JWT, rejected.reason(), false);
    }
    throw new AssertionError(outcome);
  }

  private ClientAuthentication verifySecret(
      String clientId, PresentedSecret presented, ClientAuthMethod method) {
    Optional<Client> found = ctx.clients().findById(clientId);
    boolean basic = method == ClientAuthMethod.CLIENT_SECRET_BASIC;
    if (found.isEmpty()) {
      presented.matches(ctx.secretHasher(), dummyHash); // same work as a real check
      return fail(clientId, method, "unknown client", basic);
    }
    Client client = found.get();
    boolean matched = matchesAnyUsableSecret(client, presented);
    if (!client.allows(method)) {
      return fail(clientId, method, "authentication method not registered for this client", basic);
    }
    if (!matched) {
      return fail(clientId, method, "wrong or expired secret", basic);
    }
    return new ClientAuthentication.Authenticated(client, method);
  }

  private boolean matchesAnyUsableSecret(Client client, PresentedSecret presented) {
    List<ClientSecret> secrets = client.secrets();
    if (secrets.isEmpty()) {
      presented.matches(ctx.secretHasher(), dummyHash);
      return false;
    }
    // The clock only matters for a secret with an expiry; most have none, and the endpoint reads
    // the clock again for what it issues. Whether it is read depends on the client's registration,
    // never on the presented secret.
    Instant now = anyExpiry(secrets) ? ctx.now() : null;
    boolean matched = false;
    for (int i = 0; i < secrets.size(); i++) { // by index: no iterator per request
      ClientSecret secret = secrets.get(i);
      // no early exit: every stored secret is checked, usable or not
      boolean ok = presented.matches(ctx.secretHasher(), secret.hash());
      matched |= ok && (secret.expiresAt() == null || secret.isUsableAt(now));
    }
    return matched;
  }

  private static boolean anyExpiry(List<ClientSecret> secrets) {
    for (int i = 0; i < secrets.size(); i++) {
      if (secrets.get(i).expiresAt() != null) {
        return true;
      }
    }
    return false;
  }

  private ClientAuthentication identifyPublic(String clientId) {
    Optional<Client> found = ctx.clients().findById(clientId);
    if (found.isEmpty()) {
      return fail(clientId, ClientAuthMethod.NONE, "unknown client", false);
    }
    if (!found.get().allows(ClientAuthMethod.NONE)) {
      return fail(
          clientId, ClientAuthMethod.NONE, "confidential client sent no credentials", false);
    }
    return new ClientAuthentication.Authenticated(found.get(), ClientAuthMethod.NONE);
  }

  private static OAuthError twoMethods() {
    return OAuthError.invalidRequest("Use exactly one client authentication method");
  }

  private ClientAuthentication fail(
      String claimedId, ClientAuthMethod method, String reason, boolean basic) {
    ctx.publish(
        new SecurityEvent.ClientAuthenticationFailed(
            ctx.now(), claimedId == null ? null : printable(claimedId), method.wireName(), reason));
    OAuthError error = OAuthError.of(ErrorCode.INVALID_CLIENT, INVALID_CLIENT);
    return new ClientAuthentication.Failed(basic ? error.withChallenge(challenge) : error);
  }

  /** A client id made safe for a log line: at most 64 visible ASCII characters. */
  private static String printable(String id) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < id.length() && sb.length() < 64; i++) {
      char c = id.charAt(i);
      sb.append(c >= 0x20 && c < 0x7F ? c : '?');
    }
    return sb.toString();
  }
}

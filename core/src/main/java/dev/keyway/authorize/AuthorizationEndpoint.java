package dev.keyway.authorize;

import dev.keyway.OAuthError;
import dev.keyway.Secret;
import dev.keyway.internal.Hashing;
import dev.keyway.internal.Parameters;
import dev.keyway.internal.SecureTokens;
import dev.keyway.internal.ServerContext;
import dev.keyway.spi.OAuthRequest;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.consent.ConsentRecord;
import dev.keyway.spi.user.ResourceOwner;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authorization endpoint (RFC 6749 §3.1, §4.1.1): validate the request, make sure the user is
 * signed in, skip or ask for consent, and send the user back to the client with a code.
 *
 * <p>{@link #authorize} handles the authorization request itself; {@link #decide} handles the
 * consent form the host renders from {@link ConsentPrompt}. Neither throws: every problem is an
 * {@link AuthorizeOutcome}, and an unexpected failure of a store or of a host callback becomes
 * {@code server_error} (500), logged and shown, never redirected. Thread-safe.
 */
public final class AuthorizationEndpoint {

  private static final Logger LOG = LoggerFactory.getLogger(AuthorizationEndpoint.class);

  private final ServerContext ctx;
  private final AuthorizationRequestParser parser;
  private final CodeIssuer codeIssuer;
  private final ConsentDecisionHandler decisions;

  /** Wires the endpoint to the server's stores and settings. */
  @SuppressWarnings(
      "exports") // API debt: internal type in a public signature (docs/contributing.md)
  public AuthorizationEndpoint(ServerContext ctx) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.parser = new AuthorizationRequestParser(ctx.clients(), ctx.settings().allowPlainPkce());
    this.codeIssuer = new CodeIssuer(ctx);
    this.decisions = new ConsentDecisionHandler(ctx, codeIssuer);
  }

  /**
   * Handles an authorization request ({@code GET} with a query, or {@code POST} with a form body):
   * {@link AuthorizeOutcome.ShowError} when the client or redirect URI cannot be trusted, {@link
   * AuthorizeOutcome.Redirect} with an error or a code, {@link AuthorizeOutcome.SignInRequired}
   * when nobody is signed in, or {@link AuthorizeOutcome.ConsentRequired}.
   */
  public AuthorizeOutcome authorize(OAuthRequest request) {
    try {
      return handle(request);
    } catch (RuntimeException e) {
      LOG.error("Authorization request failed; answering server_error", e);
      return new AuthorizeOutcome.ShowError(OAuthError.serverError());
    }
  }

  /**
   * Handles the consent form: a {@code POST} with {@code consent_id} and {@code decision} ({@code
   * allow} or {@code deny}) from the signed-in user the prompt was shown to. Answers with a
   * redirect carrying a code or {@code access_denied}, or an error page.
   */
  public AuthorizeOutcome decide(OAuthRequest request) {
    return decisions.decide(request);
  }

  private AuthorizeOutcome handle(OAuthRequest request) {
    RequestParameters.Result read =
        RequestParameters.queryOrForm(request, ctx.settings().maxBodyBytes());
    if (read instanceof RequestParameters.Rejected rejected) {
      return new AuthorizeOutcome.ShowError(rejected.error());
    }
    if (!(read instanceof RequestParameters.Decoded decoded)) {
      throw new AssertionError(read);
    }
    Parameters params = decoded.params();
    AuthorizationRequestParser.Result parsed = parser.parse(params);
    if (parsed instanceof AuthorizationRequestParser.Fatal fatal) {
      LOG.debug(
          "Authorization request refused without redirect: {}", fatal.error().code().wireName());
      return new AuthorizeOutcome.ShowError(fatal.error());
    }
    if (parsed instanceof AuthorizationRequestParser.RedirectError error) {
      LOG.debug("Authorization request refused: {}", error.error().code().wireName());
      return new AuthorizeOutcome.Redirect(
          AuthorizationResponseUri.error(
              error.redirectUri(), error.error(), error.state(), ctx.settings().issuerString()));
    }
    if (!(parsed instanceof AuthorizationRequestParser.Valid valid)) {
      throw new AssertionError(parsed);
    }
    // RFC 9700 §4.11.2: authenticate the user before redirecting with a code.
    Optional<ResourceOwner> user = ctx.users().currentUser(request);
    if (user.isEmpty()) {
      String returnTo = ReturnTo.of(request, params, ctx.settings().authorizationEndpoint());
      URI signIn = ctx.users().signInPage(request, returnTo);
      return new AuthorizeOutcome.SignInRequired(
          Objects.requireNonNull(signIn, "UserAuthenticator.signInPage returned null"));
    }
    return approveOrAsk(valid.client(), valid.request(), user.get());
  }

  /** Issues a code when the user already consented to these scopes, else asks. */
  private AuthorizeOutcome approveOrAsk(
      Client client, AuthorizationRequest request, ResourceOwner owner) {
    Optional<ConsentRecord> remembered = ctx.consents().find(owner.subject(), client.clientId());
    if (remembered.isPresent() && remembered.get().covers(request.scopes())) {
      Secret code = codeIssuer.issue(request, owner.subject(), owner.authTime());
      return new AuthorizeOutcome.Redirect(
          AuthorizationResponseUri.success(
              request.redirectUri(), code, request.state(), ctx.settings().issuerString()));
    }
    String consentId = SecureTokens.newToken();
    Instant now = ctx.now();
    ctx.pendingAuthorizations()
        .save(
            request.toPending(
                Hashing.tokenHash(consentId),
                owner.subject(),
                owner.authTime(),
                now,
                now.plus(ctx.settings().pendingAuthorizationTtl())));
    List<String> scopes = request.scopes().stream().sorted().toList();
    return new AuthorizeOutcome.ConsentRequired(
        new ConsentPrompt(
            Secret.of(consentId),
            owner.subject(),
            client.clientId(),
            client.displayName(),
            client.logoUri(),
            client.homepageUri(),
            scopes,
            redirectHost(request.redirectUri())));
  }

  /** The host part of a (validated) redirect URI, or its scheme for a private-use URI. */
  static String redirectHost(String redirectUri) {
    URI uri = URI.create(redirectUri);
    return uri.getHost() != null ? uri.getHost() : uri.getScheme() + ":";
  }
}

package dev.keyway.authorize;

import dev.keyway.ErrorCode;
import dev.keyway.OAuthError;
import dev.keyway.internal.Parameters;
import dev.keyway.pkce.Pkce;
import dev.keyway.spi.GrantType;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.client.ClientStore;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Validates an authorization request (RFC 6749 §4.1.1, RFC 7636 §4.3) into an {@link
 * AuthorizationRequest}, or into the error to answer with.
 *
 * <p>The client and its redirect URI are checked first. Until both are trusted every error is
 * {@link Fatal} and is shown to the user, never redirected (RFC 6749 §4.1.2.1: "MUST NOT
 * automatically redirect the user-agent to the invalid redirection URI"). After that, errors are
 * {@link RedirectError}s sent back to the client, in this order: a repeated parameter, {@code
 * response_type}, the client's grant types, {@code scope}, PKCE, the length of {@code state}.
 *
 * <p>Store failures are not caught here; they propagate to the endpoint, which answers {@code
 * server_error} without redirecting.
 */
final class AuthorizationRequestParser {

  /** The longest {@code state} accepted and echoed. */
  static final int MAX_STATE_LENGTH = 4096;

  static final String RESPONSE_TYPE = "response_type";
  static final String CLIENT_ID = "client_id";
  static final String REDIRECT_URI = "redirect_uri";
  static final String SCOPE = "scope";
  static final String STATE = "state";
  static final String CODE_CHALLENGE = "code_challenge";
  static final String CODE_CHALLENGE_METHOD = "code_challenge_method";

  /** Every parameter this endpoint reads; all others are ignored (RFC 6749 §3.1). */
  static final List<String> NAMES =
      List.of(
          RESPONSE_TYPE,
          CLIENT_ID,
          REDIRECT_URI,
          SCOPE,
          STATE,
          CODE_CHALLENGE,
          CODE_CHALLENGE_METHOD);

  private static final Set<String> NAME_SET = new LinkedHashSet<>(NAMES);

  /** The outcome of validation. */
  sealed interface Result permits Valid, Fatal, RedirectError {}

  /** The request is valid. */
  record Valid(Client client, AuthorizationRequest request) implements Result {}

  /** The client or redirect URI cannot be trusted: show {@code error}, never redirect. */
  record Fatal(OAuthError error) implements Result {}

  /** The redirect URI is trusted and the request is invalid: redirect {@code error} to it. */
  record RedirectError(String redirectUri, String state, OAuthError error) implements Result {}

  private final ClientStore clients;
  private final boolean allowPlainPkce;

  AuthorizationRequestParser(ClientStore clients, boolean allowPlainPkce) {
    this.clients = clients;
    this.allowPlainPkce = allowPlainPkce;
  }

  /** Validates the decoded parameters of one authorization request. */
  Result parse(Parameters p) {
    if (p.isRepeated(CLIENT_ID)) {
      return fatal("The client_id parameter is included more than once");
    }
    Optional<String> clientId = p.get(CLIENT_ID);
    if (clientId.isEmpty()) {
      return fatal("The client_id parameter is required");
    }
    Optional<Client> found = clients.findById(clientId.get());
    if (found.isEmpty()) {
      return new Fatal(OAuthError.of(ErrorCode.INVALID_CLIENT, "Unknown client").withStatus(400));
    }
    Client client = found.get();
    if (p.isRepeated(REDIRECT_URI)) {
      return fatal("The redirect_uri parameter is included more than once");
    }
    Optional<String> requested = p.get(REDIRECT_URI);
    Optional<String> redirectUri =
        requested.isPresent()
            ? RedirectUriMatcher.match(client.redirectUris(), requested.get())
            : RedirectUriMatcher.sole(client.redirectUris());
    if (redirectUri.isEmpty()) {
      return fatal(
          requested.isPresent()
              ? "The redirect_uri is not registered for this client"
              : "The redirect_uri parameter is required for this client");
    }
    return validateTrusted(p, client, redirectUri.get(), requested.isPresent());
  }

  /** Everything after the redirect URI is trusted; errors are redirected to it. */
  private Result validateTrusted(
      Parameters p, Client client, String redirectUri, boolean redirectUriSent) {
    Optional<String> sentState = p.isRepeated(STATE) ? Optional.empty() : p.get(STATE);
    String echoState = sentState.filter(s -> s.length() <= MAX_STATE_LENGTH).orElse(null);

    Optional<String> repeated = p.firstRepeated(NAME_SET);
    if (repeated.isPresent()) {
      return redirect(
          redirectUri,
          echoState,
          OAuthError.invalidRequest(
              "The " + repeated.get() + " parameter is included more than once"));
    }
    Optional<String> responseType = p.get(RESPONSE_TYPE);
    if (responseType.isEmpty()) {
      return redirect(
          redirectUri,
          echoState,
          OAuthError.invalidRequest("The response_type parameter is required"));
    }
    if (!responseType.get().equals("code")) {
      // RFC 9700 §2.1.2: no implicit or hybrid flows; tokens never travel in a fragment.
      return redirect(
          redirectUri,
          echoState,
          OAuthError.of(
              ErrorCode.UNSUPPORTED_RESPONSE_TYPE, "Only response_type=code is supported"));
    }
    if (!client.allows(GrantType.AUTHORIZATION_CODE)) {
      return redirect(
          redirectUri,
          echoState,
          OAuthError.unauthorizedClient("The client may not use the authorization code grant"));
    }
    Set<String> scopes;
    Optional<String> scope = p.get(SCOPE);
    if (scope.isPresent()) {
      Optional<Set<String>> parsed = ScopeParser.parse(scope.get());
      if (parsed.isEmpty()) {
        return redirect(
            redirectUri, echoState, OAuthError.invalidScope("The scope parameter is malformed"));
      }
      if (!client.allowedScopes().containsAll(parsed.get())) {
        return redirect(
            redirectUri,
            echoState,
            OAuthError.invalidScope("The requested scope is not allowed for this client"));
      }
      scopes = parsed.get();
    } else {
      scopes = client.defaultScopes();
    }
    if (scopes.isEmpty()) {
      return redirect(
          redirectUri,
          echoState,
          OAuthError.invalidScope("No scope was requested and the client has no default scope"));
    }
    Optional<String> challenge = p.get(CODE_CHALLENGE);
    Optional<String> method = p.get(CODE_CHALLENGE_METHOD);
    String acceptedMethod = null;
    if (challenge.isPresent()) {
      // RFC 7636 §4.3: an omitted method means plain, which is refused unless enabled.
      Optional<String> accepted = Pkce.acceptedMethod(method.orElse(null), allowPlainPkce);
      if (accepted.isEmpty()) {
        return redirect(
            redirectUri,
            echoState,
            OAuthError.invalidRequest("The code_challenge_method is not supported; use S256"));
      }
      if (!Pkce.isWellFormed(challenge.get())) {
        return redirect(
            redirectUri, echoState, OAuthError.invalidRequest("The code_challenge is malformed"));
      }
      acceptedMethod = accepted.get();
    } else if (method.isPresent()) {
      return redirect(
          redirectUri,
          echoState,
          OAuthError.invalidRequest("A code_challenge_method was sent without a code_challenge"));
    } else if (client.requirePkce()) {
      return redirect(redirectUri, echoState, OAuthError.invalidRequest("code_challenge required"));
    }
    if (sentState.isPresent() && echoState == null) {
      return redirect(
          redirectUri, null, OAuthError.invalidRequest("The state parameter is too long"));
    }
    return new Valid(
        client,
        new AuthorizationRequest(
            client.clientId(),
            redirectUri,
            redirectUriSent,
            scopes,
            echoState,
            challenge.orElse(null),
            acceptedMethod));
  }

  private static Fatal fatal(String description) {
    return new Fatal(OAuthError.invalidRequest(description));
  }

  private static RedirectError redirect(String redirectUri, String state, OAuthError error) {
    return new RedirectError(redirectUri, state, error);
  }
}

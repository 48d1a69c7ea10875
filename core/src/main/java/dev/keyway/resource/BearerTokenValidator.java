package dev.keyway.resource;

import dev.keyway.ErrorCode;
import dev.keyway.OAuthError;
import dev.keyway.OAuthResponse;
import dev.keyway.internal.FormDecoder;
import dev.keyway.internal.FormPost;
import dev.keyway.internal.Parameters;
import dev.keyway.internal.ServerContext;
import dev.keyway.internal.TokenLookup;
import dev.keyway.spi.OAuthRequest;
import dev.keyway.spi.token.AccessTokenRecord;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates bearer access tokens for the host's own protected resources, in the same process (RFC
 * 6750). Give it the resource request and the scopes the route needs; it answers {@link
 * BearerResult.Valid} with the token's subject, client and scopes, or {@link BearerResult.Rejected}
 * with the exact response to send:
 *
 * <ul>
 *   <li>no bearer credentials (no {@code Authorization} header, another scheme, or a token only in
 *       the query string): 401, {@code WWW-Authenticate: Bearer realm="..."} without an error
 *       (§3.1);
 *   <li>a malformed header, two {@code Authorization} headers, or the token sent in more than one
 *       way: 400, {@code error="invalid_request"} (§2, §3.1);
 *   <li>an unknown, expired or revoked token: 401, {@code error="invalid_token"};
 *   <li>a valid token without every required scope: 403, {@code error="insufficient_scope",
 *       scope="<the required scopes>"}.
 * </ul>
 *
 * The scheme name is case-insensitive (RFC 7235 §2.1). Immutable and thread-safe.
 *
 * <p>What makes a token valid is a {@link TokenResolver}: here the server's token store; for JWT
 * access tokens validated offline, {@link JwtBearerValidator} plugs in its own, so both answer with
 * the same presentation rules and challenges.
 */
public final class BearerTokenValidator {

  private static final Logger LOG = LoggerFactory.getLogger(BearerTokenValidator.class);

  /**
   * RFC 6750 §2.1: {@code b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}.
   */
  private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9._~+/-]+=*");

  /** RFC 6749 §3.3: {@code scope-token = 1*( %x21 / %x23-5B / %x5D-7E )}. */
  private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

  private static final String PARAM = "access_token";

  /**
   * Who a syntactically valid bearer token speaks for: empty when it is unknown, invalid, expired
   * or revoked. A runtime exception means the check itself failed ({@code server_error}).
   */
  @FunctionalInterface
  interface TokenResolver {
    Optional<TokenPrincipal> resolve(String token);
  }

  private final BearerOptions options;
  private final String defaultRealm;
  private final TokenResolver resolver;
  private final String realm;

  /** A validator with {@link BearerOptions#defaults()}. */
  @SuppressWarnings(
      "exports") // API debt: internal type in a public signature (docs/contributing.md)
  public BearerTokenValidator(ServerContext ctx) {
    this(ctx, BearerOptions.defaults());
  }

  /** A validator with the given options. */
  @SuppressWarnings(
      "exports") // API debt: internal type in a public signature (docs/contributing.md)
  public BearerTokenValidator(ServerContext ctx, BearerOptions options) {
    this(
        options,
        Objects.requireNonNull(ctx, "ctx").settings().issuer().getHost(),
        storeResolver(ctx));
  }

  /**
   * A validator whose tokens are resolved by {@code resolver}; the realm defaults to {@code
   * defaultRealm}.
   */
  BearerTokenValidator(BearerOptions options, String defaultRealm, TokenResolver resolver) {
    this.options = Objects.requireNonNull(options, "options");
    this.defaultRealm = Objects.requireNonNull(defaultRealm, "defaultRealm");
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    this.realm = options.realm() != null ? options.realm() : defaultRealm;
  }

  /** Resolves tokens through the server's token store: active access tokens only. */
  private static TokenResolver storeResolver(ServerContext ctx) {
    TokenLookup lookup = new TokenLookup(ctx);
    return token -> {
      Optional<TokenLookup.Found> found = lookup.findAccessToken(token);
      if (found.isEmpty() || !lookup.isActive(found.get(), ctx.now())) {
        return Optional.empty();
      }
      AccessTokenRecord record = ((TokenLookup.AccessToken) found.get()).record();
      return Optional.of(
          new TokenPrincipal(
              record.subject(), record.clientId(), record.scopes(), record.expiresAt()));
    };
  }

  /** A validator of the same tokens with other options; this one is unchanged. */
  public BearerTokenValidator withOptions(BearerOptions newOptions) {
    return new BearerTokenValidator(newOptions, defaultRealm, resolver);
  }

  /** The options this validator applies. */
  public BearerOptions options() {
    return options;
  }

  /**
   * Validates the request's bearer token against the required scopes. A store failure is logged and
   * answers 500 {@code server_error}; it is never {@link BearerResult.Valid}.
   *
   * @param request the resource request (its {@code Authorization} header, and its body when the
   *     form-body method is enabled)
   * @param requiredScopes every scope the route needs; may be empty
   * @throws IllegalArgumentException if a required scope is not a valid scope token
   */
  public BearerResult validate(OAuthRequest request, Set<String> requiredScopes) {
    Set<String> required = new TreeSet<>(requiredScopes);
    for (String scope : required) {
      if (!SCOPE_TOKEN.matcher(scope).matches()) {
        throw new IllegalArgumentException("a required scope is not a valid scope token");
      }
    }
    try {
      return check(request, required);
    } catch (RuntimeException e) {
      LOG.error("bearer token validation failed", e);
      return new BearerResult.Rejected(OAuthError.serverError().toJsonResponse());
    }
  }

  private BearerResult check(OAuthRequest request, Set<String> required) {
    List<String> authorization = request.headers("Authorization");
    if (authorization.size() > 1) {
      return reject(ErrorCode.INVALID_REQUEST, "Send one Authorization header", null);
    }
    boolean inHeader = authorization.size() == 1 && isBearerScheme(authorization.get(0));
    Optional<Parameters> body = formBody(request);
    boolean inBody = body.isPresent() && body.get().isPresent(PARAM);
    boolean inQuery = queryParameters(request).isPresent(PARAM);
    if ((inHeader ? 1 : 0) + (inBody ? 1 : 0) + (inQuery ? 1 : 0) > 1) {
      return reject(ErrorCode.INVALID_REQUEST, "Send the access token in exactly one way", null);
    }
    Optional<String> token;
    if (inHeader) {
      token = headerCredentials(authorization.get(0));
    } else if (inBody && options.formBody() && !"GET".equals(request.method())) {
      token =
          body.get().isRepeated(PARAM)
              ? Optional.empty()
              : body.get().get(PARAM).filter(BearerTokenValidator::isB64Token);
    } else {
      // no credentials; a token in the query (or a body token not enabled) is ignored
      return new BearerResult.Rejected(
          OAuthResponse.empty(401).withHeader("WWW-Authenticate", challenge(null, null)));
    }
    if (token.isEmpty()) {
      return reject(ErrorCode.INVALID_REQUEST, "The access token is malformed", null);
    }
    Optional<TokenPrincipal> principal = resolver.resolve(token.get());
    if (principal.isEmpty()) {
      return reject(
          ErrorCode.INVALID_TOKEN, "The access token is invalid, expired or revoked", null);
    }
    if (!principal.get().scopes().containsAll(required)) {
      return reject(
          ErrorCode.INSUFFICIENT_SCOPE,
          "The access token lacks a required scope",
          String.join(" ", required));
    }
    return new BearerResult.Valid(principal.get());
  }

  /** True when the header's auth-scheme is {@code Bearer}, in any case. */
  private static boolean isBearerScheme(String header) {
    return header.regionMatches(true, 0, "Bearer", 0, 6)
        && (header.length() == 6 || header.charAt(6) == ' ');
  }

  /** RFC 6750 §2.1: {@code "Bearer" 1*SP b64token}, surrounding whitespace aside. */
  private static Optional<String> headerCredentials(String header) {
    String credentials = header.substring(6).strip();
    return isB64Token(credentials) ? Optional.of(credentials) : Optional.empty();
  }

  private static boolean isB64Token(String value) {
    return !value.isEmpty() && B64TOKEN.matcher(value).matches();
  }

  /** The decoded body when it is a well-formed form (RFC 6750 §2.2); empty otherwise. */
  private static Optional<Parameters> formBody(OAuthRequest request) {
    if (!FormPost.isFormContentType(request.headers("Content-Type"))) {
      return Optional.empty();
    }
    try {
      return Optional.of(FormDecoder.decode(request.body()));
    } catch (FormDecoder.MalformedFormException e) {
      return Optional.empty();
    }
  }

  private static Parameters queryParameters(OAuthRequest request) {
    try {
      return FormDecoder.decode(request.rawQuery().orElse(null));
    } catch (FormDecoder.MalformedFormException e) {
      return Parameters.empty();
    }
  }

  private BearerResult reject(ErrorCode code, String description, String scope) {
    OAuthError error =
        OAuthError.of(code, description).withChallenge(challenge(code.wireName(), scope));
    return new BearerResult.Rejected(error.toJsonResponse());
  }

  /** The {@code WWW-Authenticate} challenge of RFC 6750 §3. */
  private String challenge(String error, String scope) {
    StringBuilder sb = new StringBuilder("Bearer realm=\"").append(realm).append('"');
    if (error != null) {
      sb.append(", error=\"").append(error).append('"');
    }
    if (scope != null) {
      sb.append(", scope=\"").append(scope).append('"');
    }
    return sb.toString();
  }
}

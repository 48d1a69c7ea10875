package dev.keyway.registration;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.keyway.ErrorCode;
import dev.keyway.OAuthError;
import dev.keyway.OAuthResponse;
import dev.keyway.Secret;
import dev.keyway.client.ClientRegistry;
import dev.keyway.client.FieldError;
import dev.keyway.client.RegistrationResult;
import dev.keyway.client.UpdateResult;
import dev.keyway.internal.Guard;
import dev.keyway.internal.Hashing;
import dev.keyway.internal.ServerContext;
import dev.keyway.spi.OAuthRequest;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.client.ClientSecret;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dynamic client registration (RFC 7591) and its management protocol (RFC 7592), both off unless
 * the host enables them with {@code AuthorizationServerBuilder.dynamicClientRegistration}.
 *
 * <ul>
 *   <li>{@code POST} to the registration endpoint with an initial access token ({@code
 *       Authorization: Bearer}) and a JSON body registers a client: 201 with its metadata, {@code
 *       client_id}, the {@code client_secret} (this once), {@code registration_access_token} and
 *       {@code registration_client_uri}.
 *   <li>{@code GET}, {@code PUT}, {@code DELETE} on the client configuration URI ({@code
 *       <registration endpoint>/<client_id>}) with the registration access token read, replace and
 *       delete the registration. Every successful read or update replaces the registration access
 *       token (RFC 7592 §3 allows it; the server keeps only hashes, so it cannot repeat the old
 *       one): the client must store the token of each response.
 * </ul>
 *
 * Metadata is validated exactly as {@link ClientRegistry} does; problems answer {@code
 * invalid_redirect_uri} or {@code invalid_client_metadata} (RFC 7591 §3.2.2). A missing token
 * answers 401 with a bare {@code Bearer} challenge, a wrong one 401 {@code invalid_token} (RFC 6750
 * §3.1), and an unknown client the same 401 (RFC 7592 §2.1).
 */
public final class RegistrationEndpoint {

  private static final Logger LOG = LoggerFactory.getLogger(RegistrationEndpoint.class);

  private final ServerContext ctx;
  private final ClientRegistry registry;
  private final InitialAccessTokenVerifier initialTokens;
  private final String endpoint;
  private final String realm;

  /** An endpoint for a server whose settings name a registration endpoint. */
  @SuppressWarnings(
      "exports") // API debt: internal type in a public signature (docs/contributing.md)
  public RegistrationEndpoint(
      ServerContext ctx, ClientRegistry registry, InitialAccessTokenVerifier initialTokens) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.initialTokens = Objects.requireNonNull(initialTokens, "initialTokens");
    URI uri =
        Objects.requireNonNull(ctx.settings().registrationEndpoint(), "registration endpoint");
    String s = uri.toString();
    this.endpoint = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    this.realm = "Bearer realm=\"" + ctx.settings().issuer().getHost() + "\"";
  }

  /** The client registration endpoint (RFC 7591 §3). */
  public OAuthResponse register(OAuthRequest request) {
    return Guard.json("registration", () -> handleRegister(request));
  }

  /** The client configuration endpoint (RFC 7592 §2): the client id is the path's last segment. */
  public OAuthResponse configure(OAuthRequest request) {
    return Guard.json("client configuration", () -> handleConfigure(request));
  }

  private OAuthResponse handleRegister(OAuthRequest request) {
    if (!"POST".equals(request.method())) {
      return methodNotAllowed("POST");
    }
    BearerCredential.Result bearer = BearerCredential.read(request);
    if (!(bearer instanceof BearerCredential.Present present)) {
      return bearerMissingOrMalformed(bearer);
    }
    Optional<InitialAccess> access = initialTokens.verify(present.token());
    if (access.isEmpty()) {
      LOG.info("Client registration refused: invalid initial access token");
      return invalidToken();
    }
    JsonBody body = readJson(request);
    if (body.error() != null) {
      return body.error();
    }
    ClientMetadataJson.Parsed parsed = ClientMetadataJson.parse(body.json(), access.get().owner());
    if (!parsed.errors().isEmpty()) {
      return metadataErrors(parsed.errors());
    }
    RegistrationResult result = registry.registerDynamically(parsed.metadata());
    if (result instanceof RegistrationResult.Rejected rejected) {
      return metadataErrors(rejected.errors());
    }
    if (result instanceof RegistrationResult.Registered registered) {
      Client client = registered.client();
      String json =
          ClientMetadataJson.write(
              client,
              configurationUri(client),
              registered.clientSecret().orElse(null),
              registered.registrationAccessToken().orElseThrow());
      return OAuthResponse.json(201, json);
    }
    throw new AssertionError(result);
  }

  private OAuthResponse handleConfigure(OAuthRequest request) {
    String method = request.method();
    if (!method.equals("GET") && !method.equals("PUT") && !method.equals("DELETE")) {
      return methodNotAllowed("GET, PUT, DELETE");
    }
    BearerCredential.Result bearer = BearerCredential.read(request);
    if (!(bearer instanceof BearerCredential.Present present)) {
      return bearerMissingOrMalformed(bearer);
    }
    Optional<Client> found = authenticate(lastSegment(request.path()), present.token());
    if (found.isEmpty()) {
      return invalidToken();
    }
    Client client = found.get();
    if (method.equals("DELETE")) {
      registry.delete(client.clientId());
      return OAuthResponse.empty(204);
    }
    if (method.equals("GET")) {
      Optional<Secret> token = registry.rotateRegistrationAccessToken(client.clientId());
      if (token.isEmpty()) {
        return invalidToken(); // deleted meanwhile
      }
      return OAuthResponse.json(
          200, ClientMetadataJson.write(client, configurationUri(client), null, token.get()));
    }
    return update(request, client);
  }

  /** RFC 7592 §2.2: the body replaces every metadata field; omitted fields are cleared. */
  private OAuthResponse update(OAuthRequest request, Client client) {
    JsonBody body = readJson(request);
    if (body.error() != null) {
      return body.error();
    }
    Map<String, Object> json = body.json();
    for (String field : ClientMetadataJson.SERVER_ASSIGNED) {
      if (json.containsKey(field)) {
        return OAuthError.invalidRequest("The request must not include " + field).toJsonResponse();
      }
    }
    if (!client.clientId().equals(json.get("client_id"))) {
      return OAuthError.invalidRequest(
              "The client_id must be included and must be the client's own")
          .toJsonResponse();
    }
    Object secret = json.get("client_secret");
    if (secret != null && !(secret instanceof String s && matchesUsableSecret(client, s))) {
      return OAuthError.invalidRequest("The client_secret does not match the current secret")
          .toJsonResponse();
    }
    ClientMetadataJson.Parsed parsed = ClientMetadataJson.parse(json, client.owner());
    if (!parsed.errors().isEmpty()) {
      return metadataErrors(parsed.errors());
    }
    UpdateResult result = registry.updateDynamically(client.clientId(), parsed.metadata());
    if (result instanceof UpdateResult.Rejected rejected) {
      return metadataErrors(rejected.errors());
    }
    if (result instanceof UpdateResult.NotFound) {
      return invalidToken(); // deleted meanwhile
    }
    if (result instanceof UpdateResult.Updated updated) {
      Client stored = updated.client();
      return OAuthResponse.json(
          200,
          ClientMetadataJson.write(
              stored,
              configurationUri(stored),
              null,
              updated.registrationAccessToken().orElseThrow()));
    }
    throw new AssertionError(result);
  }

  /** The client whose registration access token this is, in constant time over the hash. */
  private Optional<Client> authenticate(String clientId, Secret token) {
    String presented = Hashing.tokenHash(token.reveal()).value();
    Optional<Client> found =
        clientId.isEmpty() ? Optional.empty() : ctx.clients().findById(clientId);
    if (found.isEmpty() || found.get().registrationAccessTokenHash() == null) {
      LOG.info("Client configuration refused: unknown client or no registration access token");
      return Optional.empty();
    }
    if (!Hashing.constantTimeEquals(presented, found.get().registrationAccessTokenHash().value())) {
      LOG.info("Client configuration refused: wrong registration access token");
      return Optional.empty();
    }
    return found;
  }

  private boolean matchesUsableSecret(Client client, String presented) {
    boolean matched = false;
    for (ClientSecret s : client.secrets()) {
      matched |= ctx.secretHasher().matches(presented, s.hash()) && s.isUsableAt(ctx.now());
    }
    return matched;
  }

  private URI configurationUri(Client client) {
    return URI.create(endpoint + "/" + client.clientId());
  }

  private static String lastSegment(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }

  private record JsonBody(Map<String, Object> json, OAuthResponse error) {}

  /** A JSON object body: {@code application/json}, UTF-8, within the size limit. */
  private JsonBody readJson(OAuthRequest request) {
    byte[] bytes = request.body();
    int max = ctx.settings().maxBodyBytes();
    if (request.bodyTooLarge() || bytes.length > max) {
      return new JsonBody(
          null,
          OAuthError.invalidRequest("The request body is too large")
              .withStatus(413)
              .toJsonResponse());
    }
    if (!isJson(request.headers("Content-Type"))) {
      return new JsonBody(
          null, OAuthError.invalidRequest("The body must be application/json").toJsonResponse());
    }
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      Map<String, Object> json = JSONObjectUtils.parse(text, max);
      if (json != null
          && text.strip().startsWith("{")) { // the parser reads "null" and "[]" as objects
        return new JsonBody(json, null);
      }
    } catch (CharacterCodingException | ParseException | RuntimeException e) {
      // fall through: not one JSON object
    }
    return new JsonBody(
        null,
        OAuthError.invalidRequest("The body must be one JSON object in UTF-8").toJsonResponse());
  }

  private static boolean isJson(List<String> contentType) {
    if (contentType.size() != 1) {
      return false;
    }
    String[] parts = contentType.get(0).split(";", -1);
    if (!parts[0].trim().toLowerCase(Locale.ROOT).equals("application/json")) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim().toLowerCase(Locale.ROOT);
      if (p.startsWith("charset=") && !p.replace("\"", "").equals("charset=utf-8")) {
        return false;
      }
    }
    return true;
  }

  /**
   * RFC 7591 §3.2.2: one error code for the whole request, every field named in the description.
   */
  private static OAuthResponse metadataErrors(List<FieldError> errors) {
    ErrorCode code =
        errors.stream().anyMatch(FieldError::isRedirectUriError)
            ? ErrorCode.INVALID_REDIRECT_URI
            : ErrorCode.INVALID_CLIENT_METADATA;
    String description =
        errors.stream().map(FieldError::toString).collect(Collectors.joining("; "));
    return OAuthError.of(code, description).toJsonResponse();
  }

  private OAuthResponse bearerMissingOrMalformed(BearerCredential.Result bearer) {
    if (bearer instanceof BearerCredential.Absent) {
      return OAuthResponse.empty(401).withHeader("WWW-Authenticate", realm);
    }
    if (bearer instanceof BearerCredential.Malformed) {
      return OAuthError.invalidRequest("The Authorization header is malformed")
          .withChallenge(realm + ", error=\"invalid_request\"")
          .toJsonResponse();
    }
    throw new AssertionError(bearer);
  }

  private OAuthResponse invalidToken() {
    return OAuthError.of(ErrorCode.INVALID_TOKEN, "The access token is invalid")
        .withChallenge(realm + ", error=\"invalid_token\"")
        .toJsonResponse();
  }

  private static OAuthResponse methodNotAllowed(String allow) {
    return OAuthError.invalidRequest("This method is not allowed here")
        .withStatus(405)
        .toJsonResponse()
        .withHeader("Allow", allow);
  }
}

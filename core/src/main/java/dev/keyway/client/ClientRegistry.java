package dev.keyway.client;

import dev.keyway.Secret;
import dev.keyway.event.SecurityEvent;
import dev.keyway.internal.Hashing;
import dev.keyway.internal.SecureTokens;
import dev.keyway.internal.ServerContext;
import dev.keyway.spi.GrantType;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.client.ClientAuthMethod;
import dev.keyway.spi.client.ClientBuilder;
import dev.keyway.spi.client.ClientSecret;
import dev.keyway.spi.client.ClientType;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Creating and managing OAuth apps over the {@link dev.keyway.spi.client.ClientStore}: what a
 * host's "Developer settings" pages call. Reach it through {@code server.clientRegistry()}.
 *
 * <ul>
 *   <li>{@link #register} validates the metadata (one {@link FieldError} per problem), generates
 *       the {@code client_id} and, for a confidential app, a 256-bit secret that is returned once
 *       and stored only as a hash by the server's {@link dev.keyway.spi.client.SecretHasher}.
 *   <li>{@link #update} replaces the metadata and never touches the secrets.
 *   <li>{@link #rotateSecret} adds a new secret while the old ones keep working until an expiry the
 *       caller chooses, so deployments can switch without downtime.
 *   <li>{@link #delete} removes the app and revokes every grant, token and consent it holds.
 * </ul>
 *
 * <p>Every write drops secrets that have expired. Time comes from the server's clock. Writes are
 * read-modify-write through {@code ClientStore.save}: two concurrent edits of one app end with the
 * last one stored. A store failure propagates as the store's exception, and nothing is half-written
 * by this class (each operation makes one {@code save} or one {@code delete}).
 *
 * <p>Thread-safe.
 */
public final class ClientRegistry {

  /** The longest URI accepted (redirect, logo and home page URIs). */
  public static final int MAX_URI_LENGTH = 2000;

  /** The most redirect URIs one app may register. */
  public static final int MAX_REDIRECT_URIS = 20;

  /** The longest app name. */
  public static final int MAX_NAME_LENGTH = 100;

  /** The most scopes one app may be allowed. */
  public static final int MAX_SCOPES = 100;

  /** The longest scope. */
  public static final int MAX_SCOPE_LENGTH = 128;

  /** The longest owner identifier. */
  public static final int MAX_OWNER_LENGTH = 255;

  /**
   * The most secrets that may be usable at once. Every token request checks the presented secret
   * against each of them, so the limit bounds that work.
   */
  public static final int MAX_ACTIVE_SECRETS = 5;

  private final ServerContext ctx;
  private final MetadataValidator validator;

  /** A registry over the server's stores, hasher and clock. */
  @SuppressWarnings(
      "exports") // API debt: internal type in a public signature (docs/contributing.md)
  public ClientRegistry(ServerContext ctx) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.validator = new MetadataValidator(ctx.settings().scopesSupported());
  }

  /** Validates and registers an app. See {@link RegistrationResult.Registered} for the secret. */
  public RegistrationResult register(ClientMetadata metadata) {
    return register(metadata, false);
  }

  /**
   * Registers an app as RFC 7591 dynamic registration does: like {@link #register}, and also issues
   * a registration access token (stored as a hash) that lets the app read, update and delete its
   * own registration (RFC 7592).
   */
  public RegistrationResult registerDynamically(ClientMetadata metadata) {
    return register(metadata, true);
  }

  /** Every validation problem with {@code metadata}, without storing anything. */
  public List<FieldError> validate(ClientMetadata metadata) {
    return validator.validate(metadata, null);
  }

  /** The app with this id. */
  public Optional<Client> find(String clientId) {
    return ctx.clients().findById(clientId);
  }

  /** The apps this developer owns, in registration order. */
  public List<Client> findByOwner(String owner) {
    return ctx.clients().findByOwner(owner);
  }

  /**
   * Replaces an app's metadata with {@code metadata} (start from {@link
   * ClientMetadata#from(Client)} to change a few fields). The app's id, secrets, creation time and
   * per-client settings not in {@link ClientMetadata} are kept; default scopes are narrowed to the
   * new scopes. An app cannot switch between confidential and public.
   */
  public UpdateResult update(String clientId, ClientMetadata metadata) {
    return update(clientId, metadata, false);
  }

  /**
   * Updates an app as RFC 7592 §2.2 does: like {@link #update}, and replaces its registration
   * access token with a new one, returned in {@link UpdateResult.Updated}.
   */
  public UpdateResult updateDynamically(String clientId, ClientMetadata metadata) {
    return update(clientId, metadata, true);
  }

  /**
   * Replaces the app's registration access token (RFC 7592) with a new one and returns it; the old
   * one stops working. Also how a host lets an app it registered itself manage its own
   * registration. Empty when no client has this id.
   */
  public Optional<Secret> rotateRegistrationAccessToken(String clientId) {
    Optional<Client> found = ctx.clients().findById(clientId);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Secret token = Secret.of(SecureTokens.newToken());
    Client client = found.get();
    ctx.clients()
        .save(
            client.toBuilder()
                .secrets(usableSecrets(client, ctx.now()))
                .registrationAccessTokenHash(Hashing.tokenHash(token.reveal()))
                .build());
    return Optional.of(token);
  }

  /**
   * Adds a new secret to a confidential app. Every current secret keeps working until {@code
   * previousSecretsExpireAt}, or its own earlier expiry; an instant not after now ends them at once
   * (the runbook for a leaked secret). Fails without change when {@link #MAX_ACTIVE_SECRETS} would
   * be exceeded.
   */
  public SecretRotationResult rotateSecret(String clientId, Instant previousSecretsExpireAt) {
    Objects.requireNonNull(previousSecretsExpireAt, "previousSecretsExpireAt");
    Optional<Client> found = ctx.clients().findById(clientId);
    if (found.isEmpty()) {
      return new SecretRotationResult.NotFound();
    }
    Client client = found.get();
    if (client.isPublic()) {
      return new SecretRotationResult.NotConfidential();
    }
    Instant now = ctx.now();
    Instant cutoff = previousSecretsExpireAt.isAfter(now) ? previousSecretsExpireAt : now;
    List<ClientSecret> kept = new ArrayList<>();
    for (ClientSecret old : usableSecrets(client, now)) {
      Instant expiry =
          old.expiresAt() == null || old.expiresAt().isAfter(cutoff) ? cutoff : old.expiresAt();
      if (expiry.isAfter(now)) {
        kept.add(new ClientSecret(old.hash(), old.createdAt(), expiry));
      }
    }
    if (kept.size() + 1 > MAX_ACTIVE_SECRETS) {
      return new SecretRotationResult.TooManySecrets(MAX_ACTIVE_SECRETS);
    }
    Secret fresh = Secret.of(SecureTokens.newToken());
    kept.add(new ClientSecret(ctx.secretHasher().hash(fresh.reveal()), now, null));
    Client rotated = client.toBuilder().secrets(kept).build();
    ctx.clients().save(rotated);
    return new SecretRotationResult.Rotated(rotated, fresh);
  }

  /**
   * {@link #rotateSecret(String, Instant)} with the old secrets working for {@code overlap} more.
   */
  public SecretRotationResult rotateSecret(String clientId, Duration overlap) {
    if (overlap.isNegative()) {
      throw new IllegalArgumentException("overlap must not be negative");
    }
    return rotateSecret(clientId, ctx.now().plus(overlap));
  }

  /**
   * Ends a rotation early: keeps only the newest secret, once every deployment uses it. Returns the
   * stored client, or empty when no client has this id.
   */
  public Optional<Client> retirePreviousSecrets(String clientId) {
    Optional<Client> found = ctx.clients().findById(clientId);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Client client = found.get();
    ClientSecret newest = null;
    for (ClientSecret s : usableSecrets(client, ctx.now())) {
      if (newest == null || !s.createdAt().isBefore(newest.createdAt())) {
        newest = s; // on a tie the later one, which a rotation appended
      }
    }
    Client retired =
        client.toBuilder().secrets(newest == null ? List.of() : List.of(newest)).build();
    ctx.clients().save(retired);
    return Optional.of(retired);
  }

  /**
   * Deletes an app and revokes everything it holds: every grant and token through {@code
   * TokenStore.revokeAllOfClient}, and every consent users gave it. Its outstanding authorization
   * codes can no longer be redeemed, because the client no longer authenticates, and client ids are
   * never reused. The revocations run even when the client is already gone, so a retry after a
   * failure finishes the job. Returns true when a client was removed.
   */
  public boolean delete(String clientId) {
    Objects.requireNonNull(clientId, "clientId");
    boolean removed = ctx.clients().delete(clientId);
    int tokens = ctx.tokens().revokeAllOfClient(clientId);
    ctx.consents().revokeAllOfClient(clientId);
    if (removed || tokens > 0) {
      ctx.publish(
          new SecurityEvent.Revoked(
              ctx.now(),
              clientId,
              null,
              null,
              "all grants and tokens of the client",
              "client deleted"));
    }
    return removed;
  }

  private RegistrationResult register(ClientMetadata metadata, boolean issueRegistrationToken) {
    Objects.requireNonNull(metadata, "metadata");
    List<FieldError> errors = validator.validate(metadata, null);
    if (!errors.isEmpty()) {
      return new RegistrationResult.Rejected(errors);
    }
    Instant now = ctx.now();
    ClientBuilder builder = apply(Client.builder(SecureTokens.newId()), metadata).createdAt(now);
    Secret secret = null;
    if (!metadata.isPublic()) {
      secret = Secret.of(SecureTokens.newToken());
      builder.secret(new ClientSecret(ctx.secretHasher().hash(secret.reveal()), now, null));
    }
    Secret registrationToken = null;
    if (issueRegistrationToken) {
      registrationToken = Secret.of(SecureTokens.newToken());
      builder.registrationAccessTokenHash(Hashing.tokenHash(registrationToken.reveal()));
    }
    Client client = builder.build();
    ctx.clients().save(client);
    return new RegistrationResult.Registered(
        client, Optional.ofNullable(secret), Optional.ofNullable(registrationToken));
  }

  private UpdateResult update(
      String clientId, ClientMetadata metadata, boolean rotateRegistrationToken) {
    Objects.requireNonNull(metadata, "metadata");
    Optional<Client> found = ctx.clients().findById(clientId);
    if (found.isEmpty()) {
      return new UpdateResult.NotFound();
    }
    Client existing = found.get();
    List<FieldError> errors = validator.validate(metadata, existing);
    if (!errors.isEmpty()) {
      return new UpdateResult.Rejected(errors);
    }
    Set<String> defaults = new LinkedHashSet<>(existing.defaultScopes());
    defaults.retainAll(metadata.scopes());
    ClientBuilder builder =
        apply(existing.toBuilder(), metadata)
            .defaultScopes(defaults)
            .secrets(usableSecrets(existing, ctx.now()));
    Secret registrationToken = null;
    if (rotateRegistrationToken) {
      registrationToken = Secret.of(SecureTokens.newToken());
      builder.registrationAccessTokenHash(Hashing.tokenHash(registrationToken.reveal()));
    }
    Client updated = builder.build();
    ctx.clients().save(updated);
    return new UpdateResult.Updated(updated, Optional.ofNullable(registrationToken));
  }

  /** Copies validated metadata onto a client builder. */
  private static ClientBuilder apply(ClientBuilder b, ClientMetadata m) {
    GrantType[] grants = m.grantTypes().toArray(new GrantType[0]);
    if (m.isPublic()) {
      b.publicClient();
    } else {
      b.type(ClientType.CONFIDENTIAL);
      b.authMethods(
          m.authMethods().isEmpty()
              ? new ClientAuthMethod[] {
                ClientAuthMethod.CLIENT_SECRET_BASIC, ClientAuthMethod.CLIENT_SECRET_POST
              }
              : m.authMethods().toArray(new ClientAuthMethod[0]));
      b.requirePkce(m.requirePkce());
    }
    return b.displayName(m.clientName())
        .grantTypes(grants)
        .redirectUris(m.redirectUris())
        .allowedScopes(m.scopes())
        .logoUri(m.logoUri() == null ? null : URI.create(m.logoUri()))
        .homepageUri(m.homepageUri() == null ? null : URI.create(m.homepageUri()))
        .owner(m.owner());
  }

  /**
   * The client's secrets that still work at {@code now}; expired ones are dropped on every write.
   */
  private static List<ClientSecret> usableSecrets(Client client, Instant now) {
    return client.secrets().stream().filter(s -> s.isUsableAt(now)).toList();
  }
}

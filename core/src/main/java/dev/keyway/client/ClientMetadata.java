package dev.keyway.client;

import dev.keyway.spi.GrantType;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.client.ClientAuthMethod;
import dev.keyway.spi.client.ClientType;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a developer says about an app when registering or editing it: the settable part of a {@link
 * Client}. Nothing is validated here; {@link ClientRegistry} validates every field and answers with
 * a {@link FieldError} per problem. Build one with {@link #builder()}, or start an edit from a
 * stored client with {@link #from(Client)}.
 *
 * <p>Field names in errors follow RFC 7591 §2 ({@code client_name}, {@code redirect_uris}, ...), so
 * that the same errors serve the Java API and dynamic registration.
 *
 * @param clientName the name shown to users on the consent page ({@code client_name}); may be null,
 *     in which case the client id is shown
 * @param type confidential (has a secret) or public (native or single-page app, PKCE required)
 * @param redirectUris the exact redirect URIs ({@code redirect_uris}), in order
 * @param grantTypes the grant types the app may use ({@code grant_types})
 * @param authMethods how a confidential app authenticates at the token endpoint ({@code
 *     token_endpoint_auth_method}); empty means {@code client_secret_basic} and {@code
 *     client_secret_post}; ignored for a public app, which always uses {@code none}
 * @param scopes the scopes the app may request ({@code scope})
 * @param requirePkce whether authorization requests must carry a PKCE challenge (always true for a
 *     public app)
 * @param logoUri a logo for the consent page ({@code logo_uri}), or null
 * @param homepageUri the app's home page ({@code client_uri}), or null
 * @param owner the developer (a subject of the host) who owns the app, or null
 */
public record ClientMetadata(
    String clientName,
    ClientType type,
    List<String> redirectUris,
    Set<GrantType> grantTypes,
    Set<ClientAuthMethod> authMethods,
    Set<String> scopes,
    boolean requirePkce,
    String logoUri,
    String homepageUri,
    String owner) {

  public ClientMetadata {
    Objects.requireNonNull(type, "type");
    redirectUris = List.copyOf(redirectUris);
    grantTypes = Set.copyOf(grantTypes);
    authMethods = Set.copyOf(authMethods);
    scopes = Set.copyOf(scopes);
  }

  /** True for a public app. */
  public boolean isPublic() {
    return type == ClientType.PUBLIC;
  }

  /**
   * Starts a confidential app using the authorization-code and refresh-token grants, with no
   * redirect URIs or scopes yet.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** The metadata of a stored client, to start an edit from. */
  public static ClientMetadata from(Client client) {
    Builder b = builder();
    b.clientName = client.displayName().equals(client.clientId()) ? null : client.displayName();
    b.type = client.type();
    b.redirectUris = new ArrayList<>(client.redirectUris());
    b.grantTypes =
        client.grantTypes().isEmpty()
            ? EnumSet.noneOf(GrantType.class)
            : EnumSet.copyOf(client.grantTypes());
    b.authMethods =
        client.isPublic() ? new LinkedHashSet<>() : new LinkedHashSet<>(client.authMethods());
    b.scopes = new LinkedHashSet<>(client.allowedScopes());
    b.requirePkce = client.requirePkce();
    b.logoUri = client.logoUri() == null ? null : client.logoUri().toString();
    b.homepageUri = client.homepageUri() == null ? null : client.homepageUri().toString();
    b.owner = client.owner();
    return b.build();
  }

  /** A builder initialised from this metadata. */
  public Builder toBuilder() {
    Builder b = builder();
    b.clientName = clientName;
    b.type = type;
    b.redirectUris = new ArrayList<>(redirectUris);
    b.grantTypes =
        grantTypes.isEmpty() ? EnumSet.noneOf(GrantType.class) : EnumSet.copyOf(grantTypes);
    b.authMethods = new LinkedHashSet<>(authMethods);
    b.scopes = new LinkedHashSet<>(scopes);
    b.requirePkce = requirePkce;
    b.logoUri = logoUri;
    b.homepageUri = homepageUri;
    b.owner = owner;
    return b;
  }

  /** Builds {@link ClientMetadata}; not thread-safe, validates nothing. */
  public static final class Builder {
    private String clientName;
    private ClientType type = ClientType.CONFIDENTIAL;
    private List<String> redirectUris = new ArrayList<>();
    private Set<GrantType> grantTypes =
        EnumSet.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN);
    private Set<ClientAuthMethod> authMethods = new LinkedHashSet<>();
    private Set<String> scopes = new LinkedHashSet<>();
    private boolean requirePkce;
    private String logoUri;
    private String homepageUri;
    private String owner;

    private Builder() {}

    /** The name shown to users ({@code client_name}). */
    public Builder clientName(String name) {
      this.clientName = name;
      return this;
    }

    /** A confidential app: it receives a secret (the default). */
    public Builder confidential() {
      this.type = ClientType.CONFIDENTIAL;
      return this;
    }

    /** A public app (native or single-page): no secret, PKCE required. */
    public Builder publicClient() {
      this.type = ClientType.PUBLIC;
      return this;
    }

    public Builder type(ClientType type) {
      this.type = type;
      return this;
    }

    /** Replaces the redirect URIs. */
    public Builder redirectUris(String... uris) {
      this.redirectUris = new ArrayList<>(List.of(uris));
      return this;
    }

    /** Replaces the redirect URIs. */
    public Builder redirectUris(List<String> uris) {
      this.redirectUris = new ArrayList<>(uris);
      return this;
    }

    /** Replaces the grant types. */
    public Builder grantTypes(GrantType... types) {
      this.grantTypes = EnumSet.noneOf(GrantType.class);
      this.grantTypes.addAll(List.of(types));
      return this;
    }

    /** Replaces the grant types. */
    public Builder grantTypes(Set<GrantType> types) {
      this.grantTypes = types.isEmpty() ? EnumSet.noneOf(GrantType.class) : EnumSet.copyOf(types);
      return this;
    }

    /** Restricts a confidential app to these token-endpoint authentication methods. */
    public Builder authMethods(ClientAuthMethod... methods) {
      this.authMethods = new LinkedHashSet<>(List.of(methods));
      return this;
    }

    /** Restricts a confidential app to these token-endpoint authentication methods. */
    public Builder authMethods(Set<ClientAuthMethod> methods) {
      this.authMethods = new LinkedHashSet<>(methods);
      return this;
    }

    /** Replaces the scopes the app may request. */
    public Builder scopes(String... scopes) {
      this.scopes = new LinkedHashSet<>(List.of(scopes));
      return this;
    }

    /** Replaces the scopes the app may request. */
    public Builder scopes(Set<String> scopes) {
      this.scopes = new LinkedHashSet<>(scopes);
      return this;
    }

    /** Whether a confidential app must use PKCE (public apps always must). */
    public Builder requirePkce(boolean requirePkce) {
      this.requirePkce = requirePkce;
      return this;
    }

    /** A logo for the consent page ({@code logo_uri}). */
    public Builder logoUri(String uri) {
      this.logoUri = uri;
      return this;
    }

    /** A logo for the consent page ({@code logo_uri}). */
    public Builder logoUri(URI uri) {
      return logoUri(uri == null ? null : uri.toString());
    }

    /** The app's home page ({@code client_uri}). */
    public Builder homepageUri(String uri) {
      this.homepageUri = uri;
      return this;
    }

    /** The app's home page ({@code client_uri}). */
    public Builder homepageUri(URI uri) {
      return homepageUri(uri == null ? null : uri.toString());
    }

    /** The developer who owns the app. */
    public Builder owner(String owner) {
      this.owner = owner;
      return this;
    }

    public ClientMetadata build() {
      return new ClientMetadata(
          clientName,
          type,
          redirectUris,
          grantTypes,
          authMethods,
          scopes,
          requirePkce,
          logoUri,
          homepageUri,
          owner);
    }
  }
}

package dev.keyway.store.jdbc;

import com.nimbusds.jose.util.JSONArrayUtils;
import dev.keyway.internal.Json;
import dev.keyway.spi.GrantType;
import dev.keyway.spi.TokenHash;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.client.ClientAuthMethod;
import dev.keyway.spi.client.ClientSecret;
import dev.keyway.spi.client.ClientStore;
import dev.keyway.spi.client.ClientType;
import dev.keyway.spi.token.AccessTokenFormat;
import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * A {@link ClientStore} in the table {@code keyway_client}. Lists and sets are JSON arrays in text
 * columns; secrets are stored exactly as given, which is already hashed by the engine's {@link
 * dev.keyway.spi.client.SecretHasher}. Lookups by {@code client_id} are exact and case-sensitive.
 */
public final class JdbcClientStore implements ClientStore {

  private static final String COLUMNS =
      "client_id, client_type, display_name, secrets, auth_methods, grant_types, redirect_uris,"
          + " allowed_scopes, default_scopes, require_pkce, resource_server, access_token_ttl,"
          + " refresh_token_ttl, jwks, logo_uri, homepage_uri, owner, created_at,"
          + " registration_access_token_hash, access_token_format, refresh_grace_window";
  private static final String SELECT =
      "SELECT " + COLUMNS + " FROM keyway_client WHERE client_id = ?";
  private static final String SELECT_BY_OWNER =
      "SELECT " + COLUMNS + " FROM keyway_client WHERE owner = ? ORDER BY created_at, client_id";
  private static final String UPDATE =
      "UPDATE keyway_client SET client_type = ?, display_name = ?, secrets = ?, auth_methods = ?,"
          + " grant_types = ?, redirect_uris = ?, allowed_scopes = ?, default_scopes = ?,"
          + " require_pkce = ?, resource_server = ?, access_token_ttl = ?, refresh_token_ttl = ?,"
          + " jwks = ?, logo_uri = ?, homepage_uri = ?, owner = ?, created_at = ?,"
          + " registration_access_token_hash = ?, access_token_format = ?, refresh_grace_window = ?"
          + " WHERE client_id = ?";
  private static final String INSERT =
      "INSERT INTO keyway_client (client_type, display_name, secrets, auth_methods, grant_types,"
          + " redirect_uris, allowed_scopes, default_scopes, require_pkce, resource_server,"
          + " access_token_ttl, refresh_token_ttl, jwks, logo_uri, homepage_uri, owner, created_at,"
          + " registration_access_token_hash, access_token_format, refresh_grace_window, client_id)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String DELETE = "DELETE FROM keyway_client WHERE client_id = ?";

  private final Sql sql;

  /** A store over {@code dataSource}; create the schema first with {@link JdbcSchema#create}. */
  public JdbcClientStore(DataSource dataSource) {
    this.sql = new Sql(dataSource);
  }

  @Override
  public Optional<Client> findById(String clientId) {
    if (clientId == null) {
      return Optional.empty();
    }
    return sql.autoCommit(
        "findClient",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SELECT)) {
            ps.setString(1, clientId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public void save(Client client) {
    sql.autoCommit(
        "saveClient",
        c -> {
          Upsert.run(c, UPDATE, INSERT, ps -> bind(ps, client));
          return null;
        });
  }

  @Override
  public boolean delete(String clientId) {
    return sql.autoCommit(
        "deleteClient",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(DELETE)) {
            ps.setString(1, clientId);
            return ps.executeUpdate() > 0;
          }
        });
  }

  @Override
  public List<Client> findByOwner(String owner) {
    return sql.autoCommit(
        "findClientsByOwner",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SELECT_BY_OWNER)) {
            ps.setString(1, owner);
            try (ResultSet rs = ps.executeQuery()) {
              List<Client> out = new ArrayList<>();
              while (rs.next()) {
                out.add(read(rs));
              }
              return List.copyOf(out);
            }
          }
        });
  }

  private static void bind(PreparedStatement ps, Client client) throws SQLException {
    ps.setString(1, client.type().name());
    ps.setString(2, client.displayName());
    ps.setString(3, secrets(client.secrets()));
    ps.setString(
        4,
        JsonColumns.list(
            client.authMethods().stream().map(ClientAuthMethod::wireName).sorted().toList()));
    ps.setString(
        5,
        JsonColumns.list(client.grantTypes().stream().map(GrantType::wireName).sorted().toList()));
    ps.setString(6, JsonColumns.list(client.redirectUris()));
    ps.setString(7, JsonColumns.set(client.allowedScopes()));
    ps.setString(8, JsonColumns.set(client.defaultScopes()));
    ps.setBoolean(9, client.requirePkce());
    ps.setBoolean(10, client.resourceServer());
    Sql.setString(
        ps, 11, client.accessTokenTtl() == null ? null : client.accessTokenTtl().toString());
    Sql.setString(
        ps, 12, client.refreshTokenTtl() == null ? null : client.refreshTokenTtl().toString());
    Sql.setString(ps, 13, client.jwks());
    Sql.setString(ps, 14, client.logoUri() == null ? null : client.logoUri().toString());
    Sql.setString(ps, 15, client.homepageUri() == null ? null : client.homepageUri().toString());
    Sql.setString(ps, 16, client.owner());
    Sql.setInstant(ps, 17, client.createdAt());
    Sql.setString(ps, 18, client.registrationAccessToken().map(TokenHash::value).orElse(null));
    Sql.setString(ps, 19, client.accessTokenFormatOverride().map(Enum::name).orElse(null));
    Sql.setString(
        ps,
        20,
        client.refreshGraceWindow() == null ? null : client.refreshGraceWindow().toString());
    ps.setString(21, client.clientId());
  }

  private static Client read(ResultSet rs) throws SQLException {
    String accessTtl = rs.getString("access_token_ttl");
    String refreshTtl = rs.getString("refresh_token_ttl");
    String logo = rs.getString("logo_uri");
    String homepage = rs.getString("homepage_uri");
    String registrationToken = rs.getString("registration_access_token_hash");
    String format = rs.getString("access_token_format");
    String graceWindow = rs.getString("refresh_grace_window");
    return new Client(
        rs.getString("client_id"),
        ClientType.valueOf(rs.getString("client_type")),
        rs.getString("display_name"),
        readSecrets(rs.getString("secrets")),
        JsonColumns.parseList(rs.getString("auth_methods")).stream()
            .map(n -> ClientAuthMethod.fromWireName(n).orElseThrow(() -> corrupt("auth method")))
            .collect(Collectors.toSet()),
        JsonColumns.parseList(rs.getString("grant_types")).stream()
            .map(n -> GrantType.fromWireName(n).orElseThrow(() -> corrupt("grant type")))
            .collect(Collectors.toSet()),
        JsonColumns.parseList(rs.getString("redirect_uris")),
        JsonColumns.parseSet(rs.getString("allowed_scopes")),
        JsonColumns.parseSet(rs.getString("default_scopes")),
        rs.getBoolean("require_pkce"),
        rs.getBoolean("resource_server"),
        accessTtl == null ? null : Duration.parse(accessTtl),
        refreshTtl == null ? null : Duration.parse(refreshTtl),
        rs.getString("jwks"),
        logo == null ? null : URI.create(logo),
        homepage == null ? null : URI.create(homepage),
        rs.getString("owner"),
        Sql.getInstant(rs, "created_at"),
        registrationToken == null ? null : TokenHash.of(registrationToken),
        format == null ? null : AccessTokenFormat.valueOf(format),
        graceWindow == null ? null : Duration.parse(graceWindow));
  }

  /** {@code [{"hash":"...","createdAt":micros,"expiresAt":micros}, ...]}; no expiry, no member. */
  private static String secrets(List<ClientSecret> secrets) {
    StringBuilder sb = new StringBuilder().append('[');
    for (int i = 0; i < secrets.size(); i++) {
      ClientSecret s = secrets.get(i);
      Json.ObjectWriter o =
          Json.object().put("hash", s.hash()).put("createdAt", Sql.micros(s.createdAt()));
      if (s.expiresAt() != null) {
        o.put("expiresAt", Sql.micros(s.expiresAt()));
      }
      sb.append(i == 0 ? "" : ",").append(o);
    }
    return sb.append(']').toString();
  }

  private static List<ClientSecret> readSecrets(String json) {
    try {
      List<ClientSecret> out = new ArrayList<>();
      for (Object o : JSONArrayUtils.parse(json)) {
        if (!(o instanceof Map<?, ?> m)
            || !(m.get("hash") instanceof String hash)
            || !(m.get("createdAt") instanceof Number created)) {
          throw corrupt("client secret");
        }
        Object expires = m.get("expiresAt");
        out.add(
            new ClientSecret(
                hash,
                Sql.instant(created.longValue()),
                expires instanceof Number n ? Sql.instant(n.longValue()) : null));
      }
      return out;
    } catch (ParseException e) {
      throw new JdbcStoreException("findClient", "stored secrets are not valid JSON", e);
    }
  }

  private static JdbcStoreException corrupt(String what) {
    return new JdbcStoreException("findClient", "a stored " + what + " cannot be read", null);
  }
}

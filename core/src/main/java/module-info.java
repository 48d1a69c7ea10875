/**
 * Keyway's engine: the OAuth 2.0 endpoints, grants, client registry and authentication, token
 * formats, and the in-memory and JDBC stores.
 *
 * <p>Not exported, so nothing outside this module may depend on them: {@code dev.keyway.internal}
 * (shared plumbing) and {@code dev.keyway.grant} (the grant handlers behind the token endpoint;
 * their types are public only so that {@code dev.keyway.token} can dispatch to them).
 */
module dev.keyway.core {
  requires transitive dev.keyway.spi;
  requires transitive com.nimbusds.jose.jwt; // JWS algorithms and types appear in the JWT API
  requires transitive java.net.http; // RemoteJwkSet fetches a client's JWK set with an HttpClient
  requires org.slf4j;
  requires transitive java.sql; // the JDBC stores take a javax.sql.DataSource

  exports dev.keyway;
  exports dev.keyway.authorize;
  exports dev.keyway.client;
  exports dev.keyway.event;
  exports dev.keyway.host;
  exports dev.keyway.introspect;
  exports dev.keyway.jwk;
  exports dev.keyway.metadata;
  exports dev.keyway.pkce;
  exports dev.keyway.registration;
  exports dev.keyway.resource;
  exports dev.keyway.revoke;
  exports dev.keyway.store.jdbc;
  exports dev.keyway.store.memory;
  exports dev.keyway.token;
}

/**
 * Keyway's engine: the OAuth 2.0 endpoints, grants, client registry and authentication, token
 * formats, and the in-memory stores. {@code dev.keyway.internal} is not exported: nothing outside
 * this module may depend on it.
 */
module dev.keyway.core {
  requires transitive dev.keyway.spi;
  requires com.nimbusds.jose.jwt;
  requires org.slf4j;
  requires java.sql;

  exports dev.keyway;
  exports dev.keyway.authorize;
  exports dev.keyway.client;
  exports dev.keyway.event;
  exports dev.keyway.host;
  exports dev.keyway.introspect;
  exports dev.keyway.metadata;
  exports dev.keyway.pkce;
  exports dev.keyway.registration;
  exports dev.keyway.resource;
  exports dev.keyway.revoke;
  exports dev.keyway.store.memory;
  exports dev.keyway.token;
}

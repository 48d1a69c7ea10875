/**
 * Keyway's service provider interface: the stores and the user authenticator a host implements, and
 * the immutable model they exchange with the engine. Depends on the JDK only.
 */
module dev.keyway.spi {
  exports dev.keyway.spi;
  exports dev.keyway.spi.client;
  exports dev.keyway.spi.code;
  exports dev.keyway.spi.consent;
  exports dev.keyway.spi.token;
  exports dev.keyway.spi.user;
}

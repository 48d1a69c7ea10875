package dev.keyway.spi.client;

/** Client types of RFC 6749 §2.1. */
public enum ClientType {
  /** Can keep a credential confidential (a server-side web application). */
  CONFIDENTIAL,
  /** Cannot keep a credential (a single-page or native app); must use PKCE. */
  PUBLIC
}

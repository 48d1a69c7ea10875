package dev.keyway.event;

import java.time.Instant;
import java.util.Set;

/**
 * Something security-relevant happened. Events carry identifiers (client ids, subjects, grant ids),
 * never a token, code or secret, so every listener may log them as they are.
 */
public sealed interface SecurityEvent {

  /** When it happened, by the server's clock. */
  Instant at();

  /** Tokens were issued by a grant ({@code authorization_code} or {@code client_credentials}). */
  record TokensIssued(Instant at, String clientId, String subject, String grantId, String grantType)
      implements SecurityEvent {}

  /** A refresh token was rotated and a new access token issued. */
  record TokensRefreshed(Instant at, String clientId, String subject, String grantId)
      implements SecurityEvent {}

  /** A token or a whole grant was revoked; {@code reason} says by whom or why. */
  record Revoked(
      Instant at, String clientId, String subject, String grantId, String what, String reason)
      implements SecurityEvent {}

  /**
   * A rotated refresh token was presented again by its own client within the refresh grace window
   * and answered with the same successor pair as its first use: nothing was issued or revoked.
   */
  record RefreshTokenRetried(Instant at, String clientId, String subject, String grantId)
      implements SecurityEvent {}

  /** A rotated refresh token was presented again; its whole family was revoked. */
  record RefreshTokenReuseDetected(Instant at, String clientId, String subject, String grantId)
      implements SecurityEvent {}

  /** A redeemed authorization code was presented again; its grant was revoked. */
  record CodeReplayDetected(Instant at, String clientId, String subject, String grantId)
      implements SecurityEvent {}

  /**
   * Client authentication failed. {@code clientId} is what the request claimed, which may not
   * exist; {@code reason} is for operators and never reaches the client.
   */
  record ClientAuthenticationFailed(Instant at, String clientId, String method, String reason)
      implements SecurityEvent {}

  /** The user allowed the client these scopes. */
  record ConsentGranted(Instant at, String subject, String clientId, Set<String> scopes)
      implements SecurityEvent {}

  /** The user denied the client. */
  record ConsentDenied(Instant at, String subject, String clientId) implements SecurityEvent {}
}

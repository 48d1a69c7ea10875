package dev.keyway.host;

/**
 * What a host-initiated revocation changed.
 *
 * @param grantsRevoked token families revoked (with every access and refresh token in them), plus,
 *     when a whole client was revoked, its access tokens that belonged to no family
 * @param consentsForgotten remembered consents removed, so the user is asked again
 */
public record RevocationSummary(int grantsRevoked, int consentsForgotten) {}

package dev.keyway.host;

import dev.keyway.event.SecurityEvent;
import dev.keyway.internal.ServerContext;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.consent.ConsentRecord;
import dev.keyway.spi.token.GrantRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The host's own management of authorizations, in the same process: an "authorized apps" page for
 * the signed-in user, "sign out everywhere", and cutting off a client. Reach it through {@link
 * dev.keyway.AuthorizationServer#authorizedApps()}.
 *
 * <p>Every revocation goes through the store's atomic bulk operations, so a refresh racing it
 * either completes first (and its new tokens are revoked too) or fails. An authorization code
 * already issued but not yet redeemed (it lives at most the code lifetime, 60 s by default) is not
 * covered: the host should call these methods after it has stopped the user's session.
 *
 * <p>These methods are for trusted host code and check no permission themselves: the host decides
 * that the signed-in user is {@code subject}. A store failure is thrown as it is.
 */
public final class AuthorizedApps {

  /** {@link SecurityEvent.Revoked#reason()} when a user revokes one app. */
  public static final String REASON_USER_REVOKED_APP = "user_revoked_app";

  /** {@link SecurityEvent.Revoked#reason()} when everything of a user is revoked. */
  public static final String REASON_USER_REVOKED_ALL = "user_revoked_all";

  /** {@link SecurityEvent.Revoked#reason()} when everything of a client is revoked. */
  public static final String REASON_CLIENT_REVOKED = "client_revoked";

  private final ServerContext ctx;

  @SuppressWarnings(
      "exports") // API debt: internal type in a public signature (docs/contributing.md)
  public AuthorizedApps(ServerContext ctx) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
  }

  /**
   * The apps this user has authorized: every client with a live grant or a remembered consent,
   * ordered by display name.
   */
  public List<AuthorizedApp> list(String subject) {
    Objects.requireNonNull(subject, "subject");
    Map<String, Builder> apps = new LinkedHashMap<>();
    for (GrantRecord grant : ctx.tokens().findActiveGrantsOfSubject(subject, ctx.now())) {
      apps.computeIfAbsent(grant.clientId(), Builder::new).add(grant);
    }
    for (ConsentRecord consent : ctx.consents().findBySubject(subject)) {
      apps.computeIfAbsent(consent.clientId(), Builder::new).add(consent);
    }
    List<AuthorizedApp> out = new ArrayList<>(apps.size());
    for (Builder b : apps.values()) {
      String name = ctx.clients().findById(b.clientId).map(Client::displayName).orElse(b.clientId);
      out.add(new AuthorizedApp(b.clientId, name, b.scopes, b.grants, b.first, b.last));
    }
    out.sort(
        Comparator.comparing((AuthorizedApp a) -> a.displayName().toLowerCase(Locale.ROOT))
            .thenComparing(AuthorizedApp::clientId));
    return out;
  }

  /**
   * Revokes one app for one user: every grant of the user with that client (all their access and
   * refresh tokens) and the remembered consent, so the next authorization asks again.
   */
  public RevocationSummary revoke(String subject, String clientId) {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(clientId, "clientId");
    int grants = ctx.tokens().revokeGrants(subject, clientId);
    int consents = ctx.consents().revoke(subject, clientId) ? 1 : 0;
    return published(
        new RevocationSummary(grants, consents), clientId, subject, REASON_USER_REVOKED_APP);
  }

  /**
   * Revokes everything of a user ("sign out everywhere", a password change, an account closed):
   * every grant with every client, and every remembered consent.
   */
  public RevocationSummary revokeAllOfUser(String subject) {
    Objects.requireNonNull(subject, "subject");
    int grants = ctx.tokens().revokeGrantsOfSubject(subject);
    int consents = 0;
    for (ConsentRecord consent : ctx.consents().findBySubject(subject)) {
      if (ctx.consents().revoke(subject, consent.clientId())) {
        consents++;
      }
    }
    return published(
        new RevocationSummary(grants, consents), null, subject, REASON_USER_REVOKED_ALL);
  }

  /**
   * Revokes everything of a client (it was compromised or is being deleted): every grant of every
   * user, every access token issued to it including client-credentials tokens, and every consent
   * users gave it.
   */
  public RevocationSummary revokeAllOfClient(String clientId) {
    Objects.requireNonNull(clientId, "clientId");
    int grants = ctx.tokens().revokeAllOfClient(clientId);
    int consents = ctx.consents().revokeAllOfClient(clientId);
    return published(
        new RevocationSummary(grants, consents), clientId, null, REASON_CLIENT_REVOKED);
  }

  /** Publishes one {@link SecurityEvent.Revoked} when anything was revoked or forgotten. */
  private RevocationSummary published(
      RevocationSummary summary, String clientId, String subject, String reason) {
    if (summary.grantsRevoked() > 0 || summary.consentsForgotten() > 0) {
      ctx.publish(new SecurityEvent.Revoked(ctx.now(), clientId, subject, null, "grants", reason));
    }
    return summary;
  }

  /** Accumulates one client's grants and consent for {@link #list}. */
  private static final class Builder {
    final String clientId;
    final Set<String> scopes = new HashSet<>();
    int grants;
    Instant first;
    Instant last;

    Builder(String clientId) {
      this.clientId = clientId;
    }

    void add(GrantRecord grant) {
      grants++;
      scopes.addAll(grant.scopes());
      seen(grant.createdAt(), grant.lastUsedAt());
    }

    void add(ConsentRecord consent) {
      scopes.addAll(consent.scopes());
      seen(consent.grantedAt(), consent.grantedAt());
    }

    private void seen(Instant from, Instant to) {
      first = first == null || from.isBefore(first) ? from : first;
      last = last == null || to.isAfter(last) ? to : last;
    }
  }
}

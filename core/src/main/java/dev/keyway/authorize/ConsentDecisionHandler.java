package dev.keyway.authorize;

import dev.keyway.ErrorCode;
import dev.keyway.OAuthError;
import dev.keyway.Secret;
import dev.keyway.event.SecurityEvent;
import dev.keyway.internal.Hashing;
import dev.keyway.internal.Parameters;
import dev.keyway.internal.ServerContext;
import dev.keyway.spi.GrantType;
import dev.keyway.spi.OAuthRequest;
import dev.keyway.spi.TokenHash;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.code.PendingAuthorization;
import dev.keyway.spi.consent.ConsentRecord;
import dev.keyway.spi.user.ResourceOwner;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles the consent form (RFC 6749 §4.1.1, §10.12): {@code consent_id} names a pending
 * authorization, which only the signed-in user it was shown to may answer, exactly once. The
 * pending request is looked up, checked against the user, then taken atomically, so of two
 * concurrent submissions exactly one issues a code. Any {@code scope} field in the form is ignored:
 * the code carries the scopes that were validated and shown.
 */
final class ConsentDecisionHandler {

  static final String CONSENT_ID = "consent_id";
  static final String DECISION = "decision";

  private static final Logger LOG = LoggerFactory.getLogger(ConsentDecisionHandler.class);

  private final ServerContext ctx;
  private final CodeIssuer codeIssuer;

  ConsentDecisionHandler(ServerContext ctx, CodeIssuer codeIssuer) {
    this.ctx = ctx;
    this.codeIssuer = codeIssuer;
  }

  /** Answers one consent decision; never throws. */
  AuthorizeOutcome decide(OAuthRequest request) {
    try {
      return handle(request);
    } catch (RuntimeException e) {
      LOG.error("Consent decision failed; answering server_error", e);
      return new AuthorizeOutcome.ShowError(OAuthError.serverError());
    }
  }

  private AuthorizeOutcome handle(OAuthRequest request) {
    RequestParameters.Result read = RequestParameters.form(request, ctx.settings().maxBodyBytes());
    if (read instanceof RequestParameters.Rejected rejected) {
      return new AuthorizeOutcome.ShowError(rejected.error());
    }
    if (!(read instanceof RequestParameters.Decoded decoded)) {
      throw new AssertionError(read);
    }
    Parameters form = decoded.params();
    Optional<String> consentId =
        form.isRepeated(CONSENT_ID) ? Optional.empty() : form.get(CONSENT_ID);
    if (consentId.isEmpty()) {
      return show(OAuthError.invalidRequest("The consent_id field is required once"));
    }
    Optional<String> decision = form.isRepeated(DECISION) ? Optional.empty() : form.get(DECISION);
    boolean allow = decision.filter("allow"::equals).isPresent();
    if (!allow && decision.filter("deny"::equals).isEmpty()) {
      return show(OAuthError.invalidRequest("The decision field must be allow or deny"));
    }
    TokenHash idHash = Hashing.tokenHash(consentId.get());
    Optional<ResourceOwner> user;
    try {
      user = ctx.users().currentUser(request);
    } catch (RuntimeException e) {
      discard(idHash); // RL-16: a broken host callback leaves nothing answerable behind
      throw e;
    }
    if (user.isEmpty()) {
      return show(accessDenied("Sign in to answer this authorization request"));
    }
    Instant now = ctx.now();
    Optional<PendingAuthorization> pending = ctx.pendingAuthorizations().find(idHash, now);
    if (pending.isEmpty()) {
      return show(expired());
    }
    if (!pending.get().subject().equals(user.get().subject())) {
      // Another session posted this id (CSRF or a shared link): refuse, and leave the request
      // answerable by its own user.
      LOG.info(
          "Consent decision refused: submitted by a different user for client {}",
          pending.get().clientId());
      return show(accessDenied("This authorization request belongs to another user"));
    }
    Optional<PendingAuthorization> taken = ctx.pendingAuthorizations().take(idHash, now);
    if (taken.isEmpty()) {
      return show(expired()); // a concurrent submission won (RL-09)
    }
    return complete(AuthorizationRequest.fromPending(taken.get()), taken.get(), allow, now);
  }

  private AuthorizeOutcome complete(
      AuthorizationRequest request, PendingAuthorization pending, boolean allow, Instant now) {
    Optional<Client> client = ctx.clients().findById(request.clientId());
    if (client.isEmpty()
        || !client.get().allows(GrantType.AUTHORIZATION_CODE)
        || RedirectUriMatcher.match(client.get().redirectUris(), request.redirectUri()).isEmpty()) {
      // The client or its redirect URI was removed while the user decided: redirect nowhere.
      return show(
          OAuthError.of(ErrorCode.INVALID_CLIENT, "The client is no longer registered")
              .withStatus(400));
    }
    String subject = pending.subject();
    String issuer = ctx.settings().issuerString();
    if (!allow) {
      ctx.publish(new SecurityEvent.ConsentDenied(now, subject, request.clientId()));
      return new AuthorizeOutcome.Redirect(
          AuthorizationResponseUri.error(
              request.redirectUri(),
              OAuthError.of(ErrorCode.ACCESS_DENIED, "The resource owner denied the request"),
              request.state(),
              issuer));
    }
    // One atomic call: a read then a save would lose a concurrent approval's scopes, and revive a
    // consent the user revoked between the two.
    ctx.consents().merge(new ConsentRecord(subject, request.clientId(), request.scopes(), now));
    ctx.publish(
        new SecurityEvent.ConsentGranted(now, subject, request.clientId(), request.scopes()));
    Secret code = codeIssuer.issue(request, subject, pending.authTime());
    return new AuthorizeOutcome.Redirect(
        AuthorizationResponseUri.success(request.redirectUri(), code, request.state(), issuer));
  }

  /** Best-effort removal of a pending request; a failure here is logged, not reported. */
  private void discard(TokenHash idHash) {
    try {
      ctx.pendingAuthorizations().take(idHash, ctx.now());
    } catch (RuntimeException e) {
      LOG.warn("Could not discard a pending authorization after a host callback failed", e);
    }
  }

  private static OAuthError expired() {
    return OAuthError.invalidRequest(
        "This authorization request has expired or was already answered");
  }

  private static OAuthError accessDenied(String description) {
    return OAuthError.of(ErrorCode.ACCESS_DENIED, description).withStatus(400);
  }

  private static AuthorizeOutcome show(OAuthError error) {
    return new AuthorizeOutcome.ShowError(error);
  }
}

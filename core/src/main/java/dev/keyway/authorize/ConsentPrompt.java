package dev.keyway.authorize;

import dev.keyway.Secret;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * What the host's consent page shows, and the single-use id its form must post back (as the form
 * field {@code consent_id}) together with {@code decision=allow} or {@code decision=deny}. The id
 * is bound to the signed-in user and this request, and doubles as the form's CSRF token.
 *
 * @param consentId the pending-authorization id; put it in a hidden field, never in a URL
 * @param subject the signed-in user
 * @param clientId the requesting client
 * @param clientName the client's display name
 * @param logoUri the client's logo, or {@code null}
 * @param homepageUri the client's home page, or {@code null}
 * @param scopes the requested scopes, sorted
 * @param redirectHost the host the user will be sent back to, to show the user where they go
 */
public record ConsentPrompt(
    Secret consentId,
    String subject,
    String clientId,
    String clientName,
    URI logoUri,
    URI homepageUri,
    List<String> scopes,
    String redirectHost) {

  public ConsentPrompt {
    Objects.requireNonNull(consentId, "consentId");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clientName, "clientName");
    scopes = List.copyOf(scopes);
  }
}

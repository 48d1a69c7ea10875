package dev.keyway.spi.user;

import dev.keyway.spi.OAuthRequest;
import java.net.URI;
import java.util.Optional;

/**
 * The host's sign-in, seen from Keyway: who is signed in for this request, and where to send
 * someone who is not. Keyway never sees passwords; the host owns its users, sessions and login
 * page.
 *
 * <p>Implementations must be thread-safe and must not modify the request.
 */
public interface UserAuthenticator {

  /**
   * The user signed in for this request (typically read from the host's session cookie, or from a
   * request attribute the host adapter set), or empty when nobody is.
   */
  Optional<ResourceOwner> currentUser(OAuthRequest request);

  /**
   * Where to send a user who must sign in first. {@code returnTo} is the path and query of the
   * authorization request to come back to after sign-in (always a relative reference on this
   * server); the host must only ever redirect back to a same-site path.
   */
  URI signInPage(OAuthRequest request, String returnTo);
}

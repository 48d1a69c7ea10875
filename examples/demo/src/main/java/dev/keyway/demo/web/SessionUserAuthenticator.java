package dev.keyway.demo.web;

import dev.keyway.demo.DemoUsers;
import dev.keyway.spi.OAuthRequest;
import dev.keyway.spi.user.ResourceOwner;
import dev.keyway.spi.user.UserAuthenticator;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Tells Keyway who is signed in: the user of the session named by the request's cookie. Users who
 * are not signed in are sent to {@code /signin?return_to=<the authorization request>}.
 */
public final class SessionUserAuthenticator implements UserAuthenticator {

  private final Sessions sessions;
  private final DemoUsers users;

  /** Reads users from {@code sessions}, looked up in {@code users}. */
  public SessionUserAuthenticator(Sessions sessions, DemoUsers users) {
    this.sessions = sessions;
    this.users = users;
  }

  @Override
  public Optional<ResourceOwner> currentUser(OAuthRequest request) {
    return sessions
        .find(request)
        .filter(s -> s.userId() != null)
        .flatMap(
            s ->
                users
                    .byId(s.userId())
                    .map(u -> new ResourceOwner(u.id(), u.name(), s.signedInAt())));
  }

  @Override
  public URI signInPage(OAuthRequest request, String returnTo) {
    return URI.create("/signin?return_to=" + URLEncoder.encode(returnTo, StandardCharsets.UTF_8));
  }
}

package dev.keyway.authorize;

import dev.keyway.spi.OAuthRequest;
import dev.keyway.spi.user.ResourceOwner;
import dev.keyway.spi.user.UserAuthenticator;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The host's sign-in as a test controls it: whoever {@link #signIn} named is the current user of
 * every request, and the sign-in page is {@code https://as.example/login?return_to=...}.
 */
final class FakeUsers implements UserAuthenticator {

  private final AtomicReference<ResourceOwner> current = new AtomicReference<>();
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  final AtomicInteger calls = new AtomicInteger();
  final AtomicReference<String> lastReturnTo = new AtomicReference<>();

  void signIn(String subject, Instant authTime) {
    current.set(new ResourceOwner(subject, subject, authTime));
  }

  void signOut() {
    current.set(null);
  }

  /** Every later callback throws {@code e} (RL-16). */
  void failWith(RuntimeException e) {
    failure.set(e);
  }

  @Override
  public Optional<ResourceOwner> currentUser(OAuthRequest request) {
    calls.incrementAndGet();
    RuntimeException e = failure.get();
    if (e != null) {
      throw e;
    }
    return Optional.ofNullable(current.get());
  }

  @Override
  public URI signInPage(OAuthRequest request, String returnTo) {
    calls.incrementAndGet();
    RuntimeException e = failure.get();
    if (e != null) {
      throw e;
    }
    lastReturnTo.set(returnTo);
    return URI.create(
        "https://as.example/login?return_to="
            + URLEncoder.encode(returnTo, StandardCharsets.UTF_8));
  }
}

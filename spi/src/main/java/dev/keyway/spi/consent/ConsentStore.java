package dev.keyway.spi.consent;

import java.util.List;
import java.util.Optional;

/** Remembered consent per user and client. Thread-safe. */
public interface ConsentStore {

  /** The consent this user gave this client, or empty. */
  Optional<ConsentRecord> find(String subject, String clientId);

  /** Stores the consent, replacing any earlier one for the same user and client. */
  void save(ConsentRecord consent);

  /**
   * Adds the scopes of {@code consent} to the consent its user gave its client, or stores it when
   * there is none, in one atomic step, and returns the consent as stored (the union of the scopes,
   * with {@code consent}'s {@code grantedAt}). This is what approving a consent screen does. Of any
   * number of concurrent calls for one user and client, every call's scopes end up stored; a
   * consent revoked before the call is not revived by it (only the call's own scopes are stored). A
   * read followed by {@link #save} gives neither guarantee: an implementation locks the row or
   * retries a conditional write.
   */
  ConsentRecord merge(ConsentRecord consent);

  /** Forgets the consent; returns true when there was one. */
  boolean revoke(String subject, String clientId);

  /** Every consent this user has given, for an "authorized apps" page. */
  List<ConsentRecord> findBySubject(String subject);

  /** Forgets every consent given to this client (the client was deleted); returns the count. */
  int revokeAllOfClient(String clientId);
}

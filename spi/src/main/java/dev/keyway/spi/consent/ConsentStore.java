package dev.keyway.spi.consent;

import java.util.List;
import java.util.Optional;

/** Remembered consent per user and client. Thread-safe. */
public interface ConsentStore {

  /** The consent this user gave this client, or empty. */
  Optional<ConsentRecord> find(String subject, String clientId);

  /** Stores the consent, replacing any earlier one for the same user and client. */
  void save(ConsentRecord consent);

  /** Forgets the consent; returns true when there was one. */
  boolean revoke(String subject, String clientId);

  /** Every consent this user has given, for an "authorized apps" page. */
  List<ConsentRecord> findBySubject(String subject);

  /** Forgets every consent given to this client (the client was deleted); returns the count. */
  int revokeAllOfClient(String clientId);
}

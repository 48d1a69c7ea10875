package dev.keyway.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's user directory: a fixed list of users with passwords, checked in constant time.
 * Passwords are kept only as SHA-256 digests; a real host would use a slow password hash.
 */
public final class DemoUsers {

  private record Entry(DemoUser user, byte[] passwordDigest) {}

  private static final byte[] UNKNOWN_USER_DIGEST = digest("no such user");

  private final Map<String, Entry> byUsername = new LinkedHashMap<>();
  private final Map<String, DemoUser> byId = new LinkedHashMap<>();

  private DemoUsers() {}

  /**
   * {@code alice} ("Alice Liddell") and {@code bob} ("Bob Builder") with the configured passwords.
   */
  public static DemoUsers of(DemoConfig config) {
    DemoUsers users = new DemoUsers();
    users.add(new DemoUser("alice", "alice", "Alice Liddell"), config.alicePassword());
    users.add(new DemoUser("bob", "bob", "Bob Builder"), config.bobPassword());
    return users;
  }

  private void add(DemoUser user, String password) {
    byUsername.put(user.username(), new Entry(user, digest(password)));
    byId.put(user.id(), user);
  }

  /**
   * The user with this username and password, or empty. Takes the same time whether the username
   * exists or not, so a caller cannot probe for usernames.
   */
  public Optional<DemoUser> authenticate(String username, String password) {
    Entry entry = username == null ? null : byUsername.get(username);
    byte[] expected = entry == null ? UNKNOWN_USER_DIGEST : entry.passwordDigest();
    boolean match = MessageDigest.isEqual(expected, digest(password == null ? "" : password));
    return entry != null && match ? Optional.of(entry.user()) : Optional.empty();
  }

  /** The user with this id, if any. */
  public Optional<DemoUser> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  private static byte[] digest(String password) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}

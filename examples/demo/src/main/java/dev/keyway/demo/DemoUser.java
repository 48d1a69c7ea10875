package dev.keyway.demo;

import java.util.Objects;

/**
 * A demo user: a stable id (the tokens' subject), the name typed into the sign-in form, and a
 * display name.
 *
 * @param id the stable user id, never reassigned
 * @param username what the user types to sign in
 * @param name the display name
 */
public record DemoUser(String id, String username, String name) {

  public DemoUser {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(name, "name");
  }
}

package dev.keyway.client;

import java.util.Objects;

/**
 * One reason an app's metadata was refused: which field, and a fixed sentence saying what is wrong
 * with it. The message never repeats the submitted value, so it is safe to show and to log.
 *
 * @param field the field, by its RFC 7591 name; an entry of a list carries its index, for example
 *     {@code redirect_uris[2]}
 * @param message what is wrong, for the developer
 */
public record FieldError(String field, String message) {

  /** The RFC 7591 name of the redirect URI list. */
  public static final String REDIRECT_URIS = "redirect_uris";

  public FieldError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  /**
   * True for a problem with a redirect URI, which dynamic registration reports as {@code
   * invalid_redirect_uri} rather than {@code invalid_client_metadata} (RFC 7591 §3.2.2).
   */
  public boolean isRedirectUriError() {
    return field.equals(REDIRECT_URIS) || field.startsWith(REDIRECT_URIS + "[");
  }

  /** {@code field: message}. */
  @Override
  public String toString() {
    return field + ": " + message;
  }
}

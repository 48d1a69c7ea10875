package dev.keyway.demo.support;

/**
 * The token request bodies of the seed API page, with {@code client_secret_post}: exactly its
 * parameter sets for a code exchange and a refresh.
 */
public final class SeedForms {

  private SeedForms() {}

  /** {@code grant_type=authorization_code} with the code and the redirect URI it was issued for. */
  public static String codeExchange(
      String clientId, String clientSecret, String code, String redirectUri) {
    return Query.form(
        "client_id",
        clientId,
        "client_secret",
        clientSecret,
        "code",
        code,
        "grant_type",
        "authorization_code",
        "redirect_uri",
        redirectUri);
  }

  /** {@code grant_type=refresh_token} with the refresh token to rotate. */
  public static String refresh(String clientId, String clientSecret, String refreshToken) {
    return Query.form(
        "client_id",
        clientId,
        "client_secret",
        clientSecret,
        "refresh_token",
        refreshToken,
        "grant_type",
        "refresh_token");
  }
}

package dev.keyway.testing.clients;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.keyway.OAuthResponse;
import dev.keyway.spi.OAuthRequest;
import java.net.URI;
import java.text.ParseException;
import java.util.Map;

/** Requests to the RFC 7591/7592 endpoints as a host adapter would build them. */
public final class DcrRequests {

  public static final String REGISTER_PATH = "/api/oauth2/register";

  private DcrRequests() {}

  /** {@code POST /api/oauth2/register} with a JSON body and, unless null, a bearer token. */
  public static OAuthRequest register(String bearer, String json) {
    OAuthRequest.Builder b =
        OAuthRequest.builder("POST")
            .path(REGISTER_PATH)
            .header("Content-Type", "application/json")
            .body(json);
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return b.build();
  }

  /** A request on a client configuration URI (as returned in {@code registration_client_uri}). */
  public static OAuthRequest configuration(
      String method, String registrationClientUri, String bearer, String json) {
    OAuthRequest.Builder b =
        OAuthRequest.builder(method).path(URI.create(registrationClientUri).getPath());
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    if (json != null) {
      b.header("Content-Type", "application/json").body(json);
    }
    return b.build();
  }

  /** The response body as a JSON object. */
  public static Map<String, Object> json(OAuthResponse response) {
    try {
      return JSONObjectUtils.parse(response.body());
    } catch (ParseException e) {
      throw new AssertionError("not JSON: " + response, e);
    }
  }
}

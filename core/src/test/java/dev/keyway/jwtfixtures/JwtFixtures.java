package dev.keyway.jwtfixtures;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.keyway.spi.OAuthRequest;
import dev.keyway.spi.user.ResourceOwner;
import dev.keyway.spi.user.UserAuthenticator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Helpers for JWT tests: signing arbitrary JWTs, tampering, and a user authenticator stub. */
public final class JwtFixtures {

  public static final String ISSUER = "https://as.example";

  private JwtFixtures() {}

  /** A host sign-in that never has a user (the tests here never authorize). */
  public static UserAuthenticator noUsers() {
    return new UserAuthenticator() {
      @Override
      public Optional<ResourceOwner> currentUser(OAuthRequest request) {
        return Optional.empty();
      }

      @Override
      public URI signInPage(OAuthRequest request, String returnTo) {
        return URI.create("/login");
      }
    };
  }

  /**
   * A {@link dev.keyway.client.ClientAuthenticator} over {@link #context} with an in-memory
   * assertion replay store on the same clock.
   */
  public static dev.keyway.client.ClientAuthenticator authenticator(
      java.time.Clock clock,
      dev.keyway.spi.client.ClientStore clients,
      dev.keyway.event.SecurityEventListener events) {
    return new dev.keyway.client.ClientAuthenticator(
        context(
            clock,
            clients,
            events,
            new dev.keyway.store.memory.InMemoryAssertionReplayStore(clock)));
  }

  /**
   * A server context on in-memory stores at {@link #ISSUER}, token endpoint {@code
   * /api/oauth2/token}, with these clients, events and replay store.
   */
  public static dev.keyway.internal.ServerContext context(
      java.time.Clock clock,
      dev.keyway.spi.client.ClientStore clients,
      dev.keyway.event.SecurityEventListener events,
      dev.keyway.spi.client.AssertionReplayStore replays) {
    URI issuer = URI.create(ISSUER);
    dev.keyway.ServerSettings settings =
        new dev.keyway.ServerSettings(
            issuer,
            URI.create(ISSUER + "/oauth2/authorize"),
            URI.create(ISSUER + "/api/oauth2/token"),
            URI.create(ISSUER + "/api/oauth2/revoke"),
            URI.create(ISSUER + "/api/oauth2/introspect"),
            null,
            java.time.Duration.ofHours(1),
            java.time.Duration.ofDays(7),
            java.time.Duration.ofDays(7),
            java.time.Duration.ofSeconds(60),
            java.time.Duration.ofMinutes(10),
            java.time.Duration.ZERO,
            false,
            java.util.Set.of(),
            64 * 1024);
    return new dev.keyway.internal.ServerContext(
        settings,
        clock,
        clients,
        new dev.keyway.store.memory.InMemoryAuthorizationCodeStore(clock),
        new dev.keyway.store.memory.InMemoryPendingAuthorizationStore(clock),
        new dev.keyway.store.memory.InMemoryTokenStore(clock),
        new dev.keyway.store.memory.InMemoryConsentStore(),
        noUsers(),
        new dev.keyway.client.Sha256SecretHasher(),
        new dev.keyway.token.OpaqueTokenIssuer(),
        events,
        null,
        replays,
        null);
  }

  /** Signs {@code claims} with a private JWK under {@code alg}, with the given typ and kid. */
  public static String sign(
      JWK key, JWSAlgorithm alg, String typ, String kid, JWTClaimsSet claims) {
    JWSHeader.Builder header = new JWSHeader.Builder(alg).keyID(kid);
    if (typ != null) {
      header.type(new JOSEObjectType(typ));
    }
    SignedJWT jwt = new SignedJWT(header.build(), claims);
    try {
      jwt.sign(signer(key));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  /** A signer for a private JWK. */
  public static JWSSigner signer(JWK key) {
    try {
      if (key instanceof RSAKey rsa) {
        return new RSASSASigner(rsa);
      }
      if (key instanceof ECKey ec) {
        return new ECDSASigner(ec);
      }
      if (key instanceof OctetKeyPair okp) {
        return new Ed25519Signer(okp);
      }
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    throw new IllegalArgumentException(key.getKeyType().getValue());
  }

  /** A verifier for a public JWK. */
  public static com.nimbusds.jose.JWSVerifier signerVerifier(JWK key) {
    try {
      if (key instanceof RSAKey rsa) {
        return new com.nimbusds.jose.crypto.RSASSAVerifier(rsa.toPublicJWK());
      }
      if (key instanceof ECKey ec) {
        return new com.nimbusds.jose.crypto.ECDSAVerifier(ec.toPublicJWK());
      }
      if (key instanceof OctetKeyPair okp) {
        return new com.nimbusds.jose.crypto.Ed25519Verifier(okp.toPublicJWK());
      }
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    throw new IllegalArgumentException(key.getKeyType().getValue());
  }

  /**
   * The algorithm-confusion attack: an HS256 JWT whose HMAC secret is the victim's public key, in
   * its JWK JSON form (what a naive verifier would feed to an HMAC check).
   */
  public static String hmacWithPublicKey(JWK publicKey, String kid, JWTClaimsSet claims) {
    byte[] secret = publicKey.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
    SignedJWT jwt =
        new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).build(), claims);
    try {
      jwt.sign(new MACSigner(secret));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  /** An unsigned JWT ({@code alg: none}) with the given header members. */
  public static String unsigned(String headerJson, JWTClaimsSet claims) {
    return b64(headerJson) + "." + b64(claims.toString()) + ".";
  }

  /** Replaces the header of a compact JWS, keeping payload and signature. */
  public static String withHeader(String jws, String headerJson) {
    String[] parts = jws.split("\\.");
    return b64(headerJson) + "." + parts[1] + "." + parts[2];
  }

  /** Replaces the payload of a compact JWS, keeping header and signature. */
  public static String withPayload(String jws, String payloadJson) {
    String[] parts = jws.split("\\.");
    return parts[0] + "." + b64(payloadJson) + "." + parts[2];
  }

  /** Flips one bit of the signature. */
  public static String withFlippedSignatureBit(String jws) {
    String[] parts = jws.split("\\.");
    byte[] sig = new Base64URL(parts[2]).decode();
    sig[sig.length / 2] ^= 0x01;
    return parts[0] + "." + parts[1] + "." + Base64URL.encode(sig);
  }

  /** The decoded header JSON of a compact JWS. */
  public static String headerJson(String jws) {
    return new Base64URL(jws.split("\\.")[0]).decodeToString();
  }

  /** The decoded payload JSON of a compact JWS. */
  public static String payloadJson(String jws) {
    return new Base64URL(jws.split("\\.")[1]).decodeToString();
  }

  private static String b64(String json) {
    return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
  }
}

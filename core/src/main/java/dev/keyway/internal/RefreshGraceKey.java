package dev.keyway.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server secret from which the refresh grace window derives a rotation's successor refresh
 * token and access-token id out of the presented refresh token, so that any instance sharing the
 * key can answer a retry with the same pair without the pair ever being stored.
 *
 * <p>Each value is {@code base64url(HMAC-SHA256(key, label || 0x00 || presented))}: 256 bits, 43
 * characters, the shape of every Keyway credential. The two labels separate the two outputs from
 * each other and from any other use of the key. Not part of the API; never printed.
 */
public final class RefreshGraceKey {

  /** The shortest key accepted: 256 bits, the HMAC-SHA256 output size. */
  public static final int MIN_KEY_BYTES = 32;

  private static final String ALGORITHM = "HmacSHA256";
  private static final byte[] SUCCESSOR_LABEL =
      label("keyway refresh-grace v1 successor refresh token");
  private static final byte[] ACCESS_LABEL = label("keyway refresh-grace v1 access token id");
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  private final SecretKeySpec key;
  private final ThreadLocal<Mac> macs;

  private RefreshGraceKey(byte[] key) {
    this.key = new SecretKeySpec(key, ALGORITHM);
    this.macs = ThreadLocal.withInitial(this::newMac);
  }

  /**
   * A key from at least {@link #MIN_KEY_BYTES} secret random bytes, copied.
   *
   * @throws IllegalArgumentException when the key is shorter
   */
  public static RefreshGraceKey of(byte[] key) {
    Objects.requireNonNull(key, "key");
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException("the refresh grace key must be at least 32 random bytes");
    }
    return new RefreshGraceKey(key); // SecretKeySpec keeps its own copy
  }

  /** The successor refresh token of a rotation of {@code presented}. */
  public String successorRefreshToken(String presented) {
    return derive(SUCCESSOR_LABEL, presented);
  }

  /**
   * The id of the access token issued by a rotation of {@code presented}: the opaque token itself,
   * or the {@code jti} of a JWT.
   */
  public String accessTokenId(String presented) {
    return derive(ACCESS_LABEL, presented);
  }

  private String derive(byte[] label, String presented) {
    Mac mac = macs.get();
    mac.reset();
    mac.update(label);
    return B64URL.encodeToString(mac.doFinal(presented.getBytes(StandardCharsets.UTF_8)));
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("the refresh grace key was refused", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every JDK", e);
    }
  }

  /** A label followed by a zero byte, which no label contains. */
  private static byte[] label(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    return Arrays.copyOf(bytes, bytes.length + 1);
  }

  @Override
  public String toString() {
    return "RefreshGraceKey[redacted]";
  }
}

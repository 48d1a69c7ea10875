package dev.keyway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SecureTokensTest {

  @Test
  @DisplayName(
      "TK-01: 32 threads draw 320,000 credentials from the pools: all distinct, all 256 bits")
  void concurrentDrawsNeverRepeatAndKeepTheShape() throws Exception {
    int threads = 32;
    int each = 10_000;
    Set<String> seen = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < each; i++) {
                    String token = SecureTokens.newToken();
                    assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]{43}");
                    seen.add(token);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(seen).hasSize(threads * each);
  }

  @Test
  @DisplayName("ids are version 4 UUIDs (RFC 9562), all distinct")
  void idsAreRandomVersionFourUuids() {
    Set<String> ids = new java.util.HashSet<>();
    for (int i = 0; i < 50_000; i++) {
      String id = SecureTokens.newId();
      java.util.UUID uuid = java.util.UUID.fromString(id);
      assertThat(uuid.version()).isEqualTo(4);
      assertThat(uuid.variant()).isEqualTo(2);
      assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
      ids.add(id);
    }
    assertThat(ids).hasSize(50_000);
  }

  @Test
  @DisplayName("draws of 16 and 32 bytes mixed never share bytes, across refills")
  void mixedDrawSizesNeverOverlap() {
    SecureTokens.RandomPool pool = new SecureTokens.RandomPool();
    Set<String> halves = new java.util.HashSet<>();
    java.util.Random sizes = new java.util.Random(7);
    int drawn = 0;
    for (int i = 0; i < 2_000; i++) { // several refills, some leaving 16 unused bytes behind
      byte[] out = new byte[sizes.nextBoolean() ? 16 : 32];
      pool.next(out);
      for (int h = 0; h < out.length; h += 16) {
        assertThat(halves.add(java.util.HexFormat.of().formatHex(out, h, h + 16))).isTrue();
        drawn++;
      }
    }
    assertThat(halves).hasSize(drawn);
  }

  @Test
  @DisplayName("a pool hands out each byte once and wipes it: no two draws overlap")
  void aPoolNeverHandsOutTheSameBytesTwice() {
    SecureTokens.RandomPool pool = new SecureTokens.RandomPool();
    Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < 1_000; i++) { // about 31 refills of the 1 KiB buffer
      byte[] out = new byte[SecureTokens.TOKEN_BYTES];
      pool.next(out);
      assertThat(seen.add(java.util.HexFormat.of().formatHex(out))).isTrue();
    }
  }

  @Test
  @DisplayName("TK-01: a credential drawn as ASCII bytes has the same shape and hashes the same")
  void asciiCredentialsHashLikeTheirString() {
    byte[] ascii = SecureTokens.newTokenAscii();
    String token = new String(ascii, StandardCharsets.ISO_8859_1);

    assertThat(token).matches("[A-Za-z0-9_-]{43}");
    assertThat(Hashing.tokenHashOfAscii(ascii)).isEqualTo(Hashing.tokenHash(token));
    assertThat(SecureTokens.newTokenAscii()).isNotEqualTo(ascii);
  }

  @Test
  @DisplayName("TK-01: 32 bytes encode to the JDK's unpadded base64url, at any offset")
  void base64UrlOfThirtyTwoBytesIsTheJdksEncoding() {
    java.util.Random random = new java.util.Random(7);
    java.util.Base64.Encoder jdk = java.util.Base64.getUrlEncoder().withoutPadding();
    for (int n = 0; n < 5_000; n++) {
      byte[] src = new byte[40];
      random.nextBytes(src);
      if (n < 8) { // every byte 0x00, 0xFF and the patterns that reach both ends of the alphabet
        java.util.Arrays.fill(src, (byte) (n % 2 == 0 ? 0 : 0xFF));
        src[n] = (byte) 0xFB;
      }
      int from = n % 9;
      byte[] expected = jdk.encode(java.util.Arrays.copyOfRange(src, from, from + 32));
      assertThat(SecureTokens.base64Url32(src, from)).isEqualTo(expected);
    }
  }

  @Test
  @DisplayName("TK-01: a pool's encoded credentials never repeat, and their bytes are wiped")
  void encodedDrawsNeverRepeatAndAreWiped() throws Exception {
    SecureTokens.RandomPool pool = new SecureTokens.RandomPool();
    Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < 1_000; i++) { // about 31 refills, mixed with raw draws
      byte[] ascii = pool.nextBase64Url();
      assertThat(new String(ascii, StandardCharsets.US_ASCII)).matches("[A-Za-z0-9_-]{43}");
      assertThat(seen.add(new String(ascii, StandardCharsets.US_ASCII))).isTrue();
      byte[] raw = new byte[SecureTokens.TOKEN_BYTES];
      pool.next(raw);
      String encodedRaw = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
      assertThat(seen.add(encodedRaw)).isTrue();
    }
    java.lang.reflect.Field buffer = SecureTokens.RandomPool.class.getDeclaredField("buffer");
    java.lang.reflect.Field position = SecureTokens.RandomPool.class.getDeclaredField("position");
    buffer.setAccessible(true);
    position.setAccessible(true);
    byte[] bytes = (byte[]) buffer.get(pool);
    int handedOut = position.getInt(pool);
    assertThat(handedOut).isPositive();
    for (int i = 0; i < handedOut; i++) {
      assertThat(bytes[i]).as("byte %d, handed out", i).isZero();
    }
  }
}

package dev.keyway.token;

import static dev.keyway.token.fixture.TestClients.C1_SECRET;
import static dev.keyway.token.fixture.TestClients.C2_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.Secret;
import dev.keyway.grant.GrantOutcome;
import dev.keyway.internal.Hashing;
import dev.keyway.spi.TokenHash;
import dev.keyway.token.fixture.Reply;
import dev.keyway.token.fixture.TestClients;
import dev.keyway.token.fixture.TokenCall;
import dev.keyway.token.fixture.TokenServer;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** TK-01: no code, token or client secret is kept in plaintext, and no toString() prints one. */
class NoPlaintextAtRestTest {

  @Test
  @DisplayName(
      "TK-01 after a code + refresh + client-credentials flow no store holds a credential verbatim")
  void storesHoldOnlyHashes() {
    TokenServer as = TokenServer.start();
    String code = as.validCode("c1");
    Reply first = as.send(as.redemption("c1", C1_SECRET, code));
    Reply second = as.send(as.refresh("c1", C1_SECRET, first.refreshToken()));
    Reply service = as.send(TokenCall.grant("client_credentials").basic("c2", C2_SECRET));
    List<String> credentials =
        List.of(
            code,
            TokenServer.V,
            first.accessToken(),
            first.refreshToken(),
            second.accessToken(),
            second.refreshToken(),
            service.accessToken(),
            C1_SECRET,
            C2_SECRET,
            TestClients.SC_SECRET,
            TestClients.SEED_SECRET);
    assertThat(credentials).doesNotContainNull();

    List<String> held = new ArrayList<>();
    for (Object store : List.of(as.clients, as.memoryCodes, as.memoryTokens)) {
      held.addAll(reachableStrings(store));
    }

    // the walk reaches the stored records: their hashes are there
    assertThat(held)
        .contains(
            Hashing.tokenHash(code).value(),
            Hashing.tokenHash(first.accessToken()).value(),
            Hashing.tokenHash(first.refreshToken()).value(),
            Hashing.tokenHash(second.refreshToken()).value(),
            "c1",
            "alice",
            TokenServer.S);
    // a client-credentials access token is kept as the raw SHA-256 of the token, in a long[]
    String serviceKey =
        new String(
            Hashing.sha256(service.accessToken().getBytes(StandardCharsets.UTF_8)),
            StandardCharsets.ISO_8859_1);
    assertThat(held).anyMatch(s -> s.contains(serviceKey));
    assertThat(held).anyMatch(s -> s.startsWith("sha256:"));
    for (String credential : credentials) {
      assertThat(held)
          .as("no stored value contains a credential")
          .noneMatch(s -> s.contains(credential));
    }
    // nor do the security events any listener may log
    assertThat(as.events)
        .isNotEmpty()
        .allSatisfy(e -> assertThat(credentials).noneMatch(c -> e.toString().contains(c)));
  }

  @Test
  @DisplayName("the token response, the grant outcome and the HTTP response never print a token")
  void toStringRedactsTokens() {
    TokenServer as = TokenServer.start();
    Reply reply = as.c1Tokens();
    TokenResponse response =
        new TokenResponse(
            Secret.of(reply.accessToken()), 3600, Secret.of(reply.refreshToken()), Set.of("read"));

    for (Object o : List.of(response, new GrantOutcome.Issued(response), reply.response())) {
      assertThat(o.toString()).doesNotContain(reply.accessToken(), reply.refreshToken());
    }
    assertThat(response.toString()).contains("[redacted]");
    assertThat(response.toOAuthResponse().body())
        .contains(reply.accessToken(), reply.refreshToken());
  }

  /**
   * Every string reachable from {@code root} through fields, collections, maps, arrays and records;
   * a {@code long[]} gives the ISO-8859-1 string of its big-endian bytes.
   */
  private static List<String> reachableStrings(Object root) {
    List<String> out = new ArrayList<>();
    Map<Object, Boolean> seen = new IdentityHashMap<>();
    List<Object> todo = new ArrayList<>(); // a stack that, unlike ArrayDeque, takes nulls
    todo.add(root);
    while (!todo.isEmpty()) {
      Object o = todo.remove(todo.size() - 1);
      if (o == null
          || seen.put(o, Boolean.TRUE) != null
          || o instanceof Clock
          || o instanceof Class<?>) {
        continue;
      }
      if (o instanceof TokenHash h) {
        out.add(h.value()); // its characters, made when asked for; its bits are fields
      }
      if (o instanceof String s) {
        out.add(s);
      } else if (o instanceof byte[] bytes) {
        out.add(new String(bytes, StandardCharsets.UTF_8));
        out.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
      } else if (o instanceof char[] chars) {
        out.add(new String(chars));
      } else if (o instanceof long[] longs) {
        // One byte per char, so any ASCII (or raw) bytes packed into the longs are a substring.
        ByteBuffer bytes = ByteBuffer.allocate(Long.BYTES * longs.length); // big-endian
        bytes.asLongBuffer().put(longs);
        out.add(new String(bytes.array(), StandardCharsets.ISO_8859_1));
      } else if (o.getClass().isArray()) {
        for (int i = 0; i < Array.getLength(o); i++) {
          todo.add(Array.get(o, i));
        }
      } else if (o instanceof Map<?, ?> map) {
        map.forEach(
            (k, v) -> {
              todo.add(k);
              todo.add(v);
            });
      } else if (o instanceof Collection<?> c) {
        c.forEach(todo::add);
      } else if (o instanceof Optional<?> opt) {
        opt.ifPresent(todo::add);
      } else if (o.getClass().getName().startsWith("java.") || o.getClass().isEnum()) {
        out.add(String.valueOf(o)); // Instant, Duration, URI, AtomicLong, enum constants...
      } else {
        for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
          for (Field f : c.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
              continue;
            }
            try {
              f.setAccessible(true);
              todo.add(f.get(o));
            } catch (ReflectiveOperationException | RuntimeException e) {
              throw new AssertionError("cannot read " + f, e);
            }
          }
        }
      }
    }
    return out;
  }

  @Test
  @DisplayName("TK-01 the walk would notice a plaintext credential if a store kept one")
  void walkerFindsPlaintext() {
    record Leaky(Map<String, List<Object>> rows) {}
    String token = "plaintext-token-value";
    Leaky leaky = new Leaky(Map.of("k", List.of(Duration.ZERO, new Object[] {token})));

    assertThat(reachableStrings(leaky)).contains(token);

    // packed big-endian into longs, from an offset that is not a multiple of 8
    byte[] ascii = ("xyz" + token).getBytes(StandardCharsets.US_ASCII);
    long[] packed = new long[(ascii.length + Long.BYTES - 1) / Long.BYTES];
    ByteBuffer.wrap(Arrays.copyOf(ascii, Long.BYTES * packed.length)).asLongBuffer().get(packed);
    record Packed(List<Object> rows) {}
    Packed hidden = new Packed(List.of(42, packed));

    assertThat(reachableStrings(hidden)).anyMatch(s -> s.contains(token));
  }
}

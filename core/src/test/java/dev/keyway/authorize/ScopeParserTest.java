package dev.keyway.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** AZ-06: the scope grammar of RFC 6749 §3.3. */
class ScopeParserTest {

  static Stream<Arguments> scopes() {
    return Stream.of(
        Arguments.of("read", List.of("read")),
        Arguments.of("read write", List.of("read", "write")),
        Arguments.of("write read read", List.of("write", "read")),
        Arguments.of("a!#[]^~z", List.of("a!#[]^~z")),
        Arguments.of("", null),
        Arguments.of(" read", null),
        Arguments.of("read ", null),
        Arguments.of("read  write", null),
        Arguments.of("re\"ad", null),
        Arguments.of("re\\ad", null),
        Arguments.of("r\u00e9ad", null),
        Arguments.of("read\twrite", null),
        Arguments.of("read\u0000", null));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @MethodSource("scopes")
  @DisplayName("AZ-06 scope = scope-token *( SP scope-token ), tokens of %x21 / %x23-5B / %x5D-7E")
  void parse(String value, List<String> expected) {
    if (expected == null) {
      assertThat(ScopeParser.parse(value)).isEmpty();
    } else {
      assertThat(ScopeParser.parse(value))
          .hasValueSatisfying(s -> assertThat(s).containsExactlyElementsOf(expected));
    }
  }
}

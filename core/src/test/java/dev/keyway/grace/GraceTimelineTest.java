package dev.keyway.grace;

import dev.keyway.grace.GraceTimelines.Timeline;
import dev.keyway.store.memory.InMemoryTokenStore;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The grace-window timeline table ({@link GraceTimelines}) on the in-memory stores. */
class GraceTimelineTest {

  static Stream<Timeline> timelines() {
    return GraceTimelines.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("timelines")
  void timeline(Timeline t) {
    GraceTimelines.run(t, GraceServer::inMemory, GraceTimelineTest::sizes);
  }

  private static List<Long> sizes(GraceServer as) {
    return Arrays.stream(((InMemoryTokenStore) as.stores.tokens()).sizes())
        .mapToObj(i -> (long) i)
        .toList();
  }
}

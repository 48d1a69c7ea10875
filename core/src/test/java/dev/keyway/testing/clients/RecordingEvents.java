package dev.keyway.testing.clients;

import dev.keyway.event.SecurityEvent;
import dev.keyway.event.SecurityEventListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every security event, for assertions. */
public final class RecordingEvents implements SecurityEventListener {

  private final List<SecurityEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void onEvent(SecurityEvent event) {
    events.add(event);
  }

  public <T extends SecurityEvent> List<T> ofType(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }
}

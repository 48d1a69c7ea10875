package dev.keyway.endpointtest;

import dev.keyway.event.SecurityEvent;
import dev.keyway.event.SecurityEventListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every security event, in order. */
public final class CapturingListener implements SecurityEventListener {

  private final List<SecurityEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void onEvent(SecurityEvent event) {
    events.add(event);
  }

  public List<SecurityEvent> events() {
    return List.copyOf(events);
  }

  /** The events of one type. */
  public <T extends SecurityEvent> List<T> of(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  public void clear() {
    events.clear();
  }
}

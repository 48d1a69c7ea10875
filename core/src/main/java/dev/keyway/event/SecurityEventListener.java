package dev.keyway.event;

/**
 * Receives {@link SecurityEvent}s, synchronously on the request's thread, after the state change
 * they report. A listener must be fast and thread-safe; an exception it throws is logged and
 * otherwise ignored, so auditing can never break a token request.
 */
@FunctionalInterface
public interface SecurityEventListener {

  /** Called once per event. */
  void onEvent(SecurityEvent event);
}

package dev.keyway.demo;

import dev.keyway.demo.web.DemoApp;
import java.net.URI;

/** A running demo server, on whichever HTTP host. Closing it stops it gracefully. */
public interface DemoHost extends AutoCloseable {

  /** The port actually bound (useful when {@code PORT=0}). */
  int port();

  /** The issuer the server runs as, for example {@code http://localhost:8080}. */
  URI issuer();

  /** The application it serves. */
  DemoApp app();

  /** Stops accepting connections, lets requests in flight finish (a few seconds at most), stops. */
  @Override
  void close();
}

package dev.keyway.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.time.Clock;
import java.util.Map;

/**
 * Starts the demo: {@code java -jar keyway-demo.jar} (Jetty) or {@code java -jar keyway-demo.jar
 * --jdk} (the JDK's HttpServer). Settings come from environment variables ({@link DemoConfig}).
 * Opens the stores ({@link DemoStores}: in memory, or PostgreSQL when {@code KEYWAY_JDBC_URL} is
 * set), prints where state is kept, the users, clients and secrets, then serves until SIGTERM or
 * Ctrl-C.
 */
public final class Main {

  /** Exit status for a bad setting or a port that is taken. */
  static final int EXIT_CONFIG = 2;

  private Main() {}

  /** Starts the demo; exits with status 2 when it cannot (bad setting, port taken). */
  public static void main(String[] args) {
    int status = run(args, System.getenv(), System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Starts the demo and returns 0 while it keeps serving in the background (a shutdown hook stops
   * it), or a non-zero status after printing why it could not start.
   */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    HostKind kind;
    DemoConfig config;
    try {
      kind = parseHost(args);
      config = DemoConfig.fromEnvironment(env);
    } catch (IllegalArgumentException e) {
      err.println("keyway-demo: " + e.getMessage());
      err.println("usage: java -jar keyway-demo.jar [--jetty | --jdk]");
      return EXIT_CONFIG;
    }
    Clock clock = Clock.systemUTC();
    DemoStores stores;
    try {
      stores = DemoStores.open(config, clock);
    } catch (RuntimeException e) {
      String where =
          config.database() == null ? "stores" : "the database " + config.database().location();
      err.println("keyway-demo: could not open " + where + ": " + e.getMessage());
      return EXIT_CONFIG;
    }
    DemoHost host;
    try {
      host = kind.start(config, stores, clock);
    } catch (IOException e) {
      stores.close();
      if (isBindFailure(e)) {
        err.println(
            "keyway-demo: port "
                + config.port()
                + " on "
                + config.bindAddress()
                + " is already in use. Stop whatever is using it, or choose another port, for example: PORT=8081 java -jar keyway-demo.jar");
      } else {
        err.println("keyway-demo: could not start: " + e.getMessage());
      }
      return EXIT_CONFIG;
    } catch (IllegalArgumentException e) {
      stores.close();
      err.println("keyway-demo: " + e.getMessage());
      return EXIT_CONFIG;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  out.println("Stopping the Keyway demo...");
                  host.close();
                  stores.close();
                  out.println("Stopped.");
                  out.flush();
                },
                "keyway-demo-shutdown"));
    out.println("Store: " + stores.description());
    out.print(Banner.text(kind, config, host));
    out.flush();
    return 0;
  }

  static HostKind parseHost(String[] args) {
    HostKind kind = HostKind.JETTY;
    for (String arg : args) {
      switch (arg) {
        case "--jetty" -> kind = HostKind.JETTY;
        case "--jdk" -> kind = HostKind.JDK;
        default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
      }
    }
    return kind;
  }

  private static boolean isBindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return true;
      }
    }
    return false;
  }
}

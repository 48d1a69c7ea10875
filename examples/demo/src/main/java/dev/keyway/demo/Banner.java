package dev.keyway.demo;

/** What the demo prints once it listens: where, who can sign in, which clients, which secrets. */
final class Banner {

  private Banner() {}

  static String text(HostKind kind, DemoConfig config, DemoHost host) {
    String issuer = host.app().server().settings().issuerString();
    StringBuilder b = new StringBuilder();
    b.append("Keyway demo (")
        .append(kind.displayName())
        .append(") listening on ")
        .append(config.bindAddress())
        .append(':')
        .append(host.port())
        .append('\n');
    b.append("Issuer: ").append(issuer).append('\n');
    b.append('\n');
    b.append("Users:\n");
    b.append("  alice / ").append(config.alicePassword()).append('\n');
    b.append("  bob   / ").append(config.bobPassword()).append('\n');
    b.append('\n');
    b.append("Clients (scopes: ").append(String.join(" ", DemoClients.SCOPES)).append("):\n");
    b.append(
        client(
            DemoClients.DEMO_CLIENT,
            "confidential",
            secret(
                config.demoClientSecret(),
                config.demoClientSecretGenerated(),
                "DEMO_CLIENT_SECRET")));
    b.append(
        client(
            DemoClients.OTHER_CLIENT,
            "confidential",
            secret(
                config.otherClientSecret(),
                config.otherClientSecretGenerated(),
                "OTHER_CLIENT_SECRET")));
    b.append(client(DemoClients.DEMO_PUBLIC, "public", "no secret, PKCE (S256) required"));
    b.append(
        client(
            DemoClients.RESOURCE_SERVER,
            "resource server",
            secret(
                config.resourceServerSecret(),
                config.resourceServerSecretGenerated(),
                "RESOURCE_SERVER_SECRET")));
    b.append("Redirect URIs of demo-client, other-client, demo-public: ")
        .append(String.join(", ", config.redirectUris()))
        .append('\n');
    b.append("  demo-public also: ")
        .append(DemoClients.LOOPBACK_REDIRECT_URI)
        .append(" with any port\n");
    b.append('\n');
    b.append("Endpoints:\n");
    b.append("  authorize      ").append(issuer).append("/oauth2/authorize\n");
    b.append("  token          ").append(issuer).append("/api/oauth2/token\n");
    b.append("  revoke         ").append(issuer).append("/api/oauth2/revoke\n");
    b.append("  introspect     ").append(issuer).append("/api/oauth2/introspect\n");
    b.append("  metadata       ")
        .append(issuer)
        .append("/.well-known/oauth-authorization-server\n");
    b.append("  resource       ")
        .append(issuer)
        .append("/api/me (Bearer token with scope profile)\n");
    b.append('\n');
    b.append("Pages (sign in as alice or bob):\n");
    b.append("  start          ").append(issuer).append("/\n");
    b.append("  your apps      ")
        .append(issuer)
        .append("/developer/apps (create and manage OAuth apps)\n");
    b.append("  authorized     ").append(issuer).append("/account/apps (the apps you allowed)\n");
    b.append('\n');
    b.append(
        "Try it: open this URL in a browser, sign in as alice, allow, and copy the code from the address you land on:\n");
    b.append("  ").append(issuer).append(DemoWiring.exampleAuthorizePath(config)).append('\n');
    b.append("then exchange it (the code lives 60 seconds):\n");
    b.append("  curl -X POST ").append(issuer).append("/api/oauth2/token \\\n");
    b.append("      -H \"Content-Type: application/x-www-form-urlencoded\" \\\n");
    b.append("      -d \"client_id=demo-client\" \\\n");
    b.append("      -d \"client_secret=").append(config.demoClientSecret()).append("\" \\\n");
    b.append("      -d \"code=THE_CODE\" \\\n");
    b.append("      -d \"grant_type=authorization_code\" \\\n");
    b.append("      -d \"redirect_uri=").append(config.redirectUris().get(0)).append("\"\n");
    b.append('\n');
    b.append("Press Ctrl-C to stop.\n");
    return b.toString();
  }

  private static String client(String id, String type, String credentials) {
    return String.format("  %-21s %-16s %s%n", id, type, credentials);
  }

  private static String secret(String secret, boolean generated, String variable) {
    return "client_secret="
        + secret
        + (generated ? "   (generated; set " + variable + " to choose one)" : "");
  }
}

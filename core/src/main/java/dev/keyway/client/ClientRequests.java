package dev.keyway.client;

import dev.keyway.OAuthResponse;
import dev.keyway.internal.FormPost;
import dev.keyway.internal.Parameters;
import dev.keyway.internal.ServerContext;
import dev.keyway.spi.OAuthRequest;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.client.ClientAuthMethod;
import java.util.Objects;
import java.util.function.Function;

/**
 * The first two steps of every client-facing endpoint (token, revocation, introspection): read the
 * request as a strict form POST ({@link FormPost}), then authenticate its client ({@link
 * ClientAuthenticator}). One place, so the three endpoints cannot drift apart.
 */
public final class ClientRequests {

  private final ServerContext ctx;
  private final ClientAuthenticator authenticator;

  @SuppressWarnings(
      "exports") // API debt: internal type in a public signature (docs/contributing.md)
  public ClientRequests(ServerContext ctx) {
    this.ctx = ctx;
    this.authenticator = new ClientAuthenticator(ctx);
  }

  /** The outcome of reading and authenticating a request. */
  public sealed interface Result {}

  /** A well-formed request from an authenticated client. */
  @SuppressWarnings(
      "exports") // API debt: internal type in a public signature (docs/contributing.md)
  public record Accepted(Parameters parameters, Client client, ClientAuthMethod method)
      implements Result {
    public Accepted {
      Objects.requireNonNull(parameters, "parameters");
      Objects.requireNonNull(client, "client");
      Objects.requireNonNull(method, "method");
    }
  }

  /** The request was malformed or its client failed to authenticate: send {@code response}. */
  public record Refused(OAuthResponse response) implements Result {}

  /**
   * Reads the form, authenticates the client and hands an accepted request to {@code endpoint}; a
   * refused one is answered here. The one entry point of every client-facing endpoint.
   */
  public OAuthResponse serve(OAuthRequest request, Function<Accepted, OAuthResponse> endpoint) {
    Result read = read(request);
    if (read instanceof Refused refused) {
      return refused.response();
    }
    if (!(read instanceof Accepted accepted)) {
      throw new AssertionError(read);
    }
    return endpoint.apply(accepted);
  }

  /** Reads the form and authenticates the client. */
  public Result read(OAuthRequest request) {
    FormPost.Result read = FormPost.read(request, ctx.settings().maxBodyBytes());
    if (read instanceof FormPost.Refused refused) {
      return new Refused(refused.response());
    }
    if (!(read instanceof FormPost.Accepted form)) {
      throw new AssertionError(read);
    }
    ClientAuthentication auth = authenticator.authenticate(request, form.parameters());
    if (auth instanceof ClientAuthentication.Failed failed) {
      return new Refused(failed.error().toJsonResponse());
    }
    if (!(auth instanceof ClientAuthentication.Authenticated ok)) {
      throw new AssertionError(auth);
    }
    return new Accepted(form.parameters(), ok.client(), ok.method());
  }
}

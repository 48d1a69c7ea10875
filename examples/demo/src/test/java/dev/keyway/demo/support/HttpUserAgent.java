package dev.keyway.demo.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted browser over {@link HttpClient}: keeps cookies, never follows redirects (tests look at
 * every hop), posts forms, reads hidden fields out of pages.
 */
public final class HttpUserAgent {

  private final HttpClient client =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  /** A minimal cookie jar for one site: name to value; {@code Max-Age=0} deletes. */
  private final Map<String, String> cookies = new LinkedHashMap<>();

  public HttpResponse<String> get(URI uri) {
    return send(HttpRequest.newBuilder(uri).GET());
  }

  public HttpResponse<String> get(URI uri, String headerName, String headerValue) {
    return send(HttpRequest.newBuilder(uri).header(headerName, headerValue).GET());
  }

  /** POSTs an {@code application/x-www-form-urlencoded} body. */
  public HttpResponse<String> postForm(URI uri, String form) {
    return send(
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  /** Follows a {@code Location} header (relative or absolute) from {@code response}. */
  public static URI location(HttpResponse<?> response) {
    String location =
        response
            .headers()
            .firstValue("Location")
            .orElseThrow(() -> new AssertionError("no Location header"));
    return response.uri().resolve(location);
  }

  /** The value of the hidden input {@code name} in an HTML page, HTML entities decoded. */
  public static String hiddenField(String html, String name) {
    Matcher m =
        Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(html);
    assertThat(m.find()).as("hidden field %s in page", name).isTrue();
    return unescape(m.group(1));
  }

  /** Decodes the entities an HTML escaper produces: named ones and decimal or hex references. */
  public static String unescape(String s) {
    Matcher m = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|quot|amp|lt|gt|apos);").matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String e = m.group(1);
      String decoded;
      switch (e) {
        case "quot" -> decoded = "\"";
        case "amp" -> decoded = "&";
        case "lt" -> decoded = "<";
        case "gt" -> decoded = ">";
        case "apos" -> decoded = "'";
        default ->
            decoded =
                Character.toString(
                    e.startsWith("#x")
                        ? Integer.parseInt(e.substring(2), 16)
                        : Integer.parseInt(e.substring(1)));
      }
      m.appendReplacement(out, Matcher.quoteReplacement(decoded));
    }
    m.appendTail(out);
    return out.toString();
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    if (!cookies.isEmpty()) {
      StringJoiner header = new StringJoiner("; ");
      cookies.forEach((name, value) -> header.add(name + "=" + value));
      request.header("Cookie", header.toString());
    }
    try {
      HttpResponse<String> response =
          client.send(
              request.timeout(Duration.ofSeconds(20)).build(),
              HttpResponse.BodyHandlers.ofString());
      for (String setCookie : response.headers().allValues("Set-Cookie")) {
        String pair = setCookie.split(";", 2)[0];
        int eq = pair.indexOf('=');
        if (setCookie.contains("Max-Age=0")) {
          cookies.remove(pair.substring(0, eq));
        } else {
          cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
      }
      return response;
    } catch (IOException e) {
      throw new AssertionError("request failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}

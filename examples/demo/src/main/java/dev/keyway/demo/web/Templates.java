package dev.keyway.demo.web;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The demo's mustache templates ({@code src/main/resources/templates}): compiled once, rendered to
 * strings. The engine HTML-escapes every {@code {{value}}}; no page is built by concatenation.
 */
final class Templates {

  private static final MustacheFactory FACTORY = new DefaultMustacheFactory("templates");

  private Templates() {}

  /** Compiles {@code templates/<name>}; the result renders thread-safely. */
  static Mustache compile(String name) {
    return FACTORY.compile(name);
  }

  /** A page model holding its title. */
  static Map<String, Object> page(String title) {
    Map<String, Object> model = new HashMap<>();
    model.put("title", title);
    return model;
  }

  /** A page model with the title and the navigation links of signed-in pages. */
  static Map<String, Object> pageWithNav(String title) {
    Map<String, Object> model = page(title);
    model.put("nav", Boolean.TRUE);
    return model;
  }

  static String render(Mustache template, Map<String, Object> model) {
    StringWriter out = new StringWriter();
    try {
      template.execute(out, model).flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}

package dev.keyway.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Creates the tables and indexes of the JDBC stores from the shipped resource {@value #RESOURCE}.
 * Every statement is {@code CREATE ... IF NOT EXISTS}, so calling {@link #create} at every start is
 * safe, also from several servers at once once the tables exist. Hosts that manage their schema
 * with a migration tool can copy the resource instead.
 */
public final class JdbcSchema {

  /** The classpath location of the schema script. */
  public static final String RESOURCE = "dev/keyway/store/jdbc/schema.sql";

  private JdbcSchema() {}

  /** Runs the schema script on {@code dataSource}, in one transaction. */
  public static void create(DataSource dataSource) {
    List<String> statements = statements();
    new Sql(dataSource)
        .transaction(
            "createSchema",
            c -> {
              try (Statement st = c.createStatement()) {
                for (String sql : statements) {
                  st.execute(sql);
                }
              }
              return null;
            });
  }

  /** The statements of the schema script, comments removed, in order. */
  public static List<String> statements() {
    String script;
    // Class.getResourceAsStream: on the module path, a class loader finds no resource in a package
    // of a named module that is not opened, but a class of that module always finds its own.
    try (InputStream in = JdbcSchema.class.getResourceAsStream("/" + RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StringBuilder withoutComments = new StringBuilder(script.length());
    for (String line : script.split("\n", -1)) {
      int dash = line.indexOf("--");
      withoutComments.append(dash < 0 ? line : line.substring(0, dash)).append('\n');
    }
    List<String> out = new ArrayList<>();
    for (String part : withoutComments.toString().split(";", -1)) {
      String sql = part.strip();
      if (!sql.isEmpty()) {
        out.add(sql);
      }
    }
    return out;
  }
}

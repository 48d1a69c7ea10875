package dev.keyway.hygiene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.nimbusds.jose.JWSObject;
import dev.keyway.AuthorizationServer;
import dev.keyway.spi.OAuthRequest;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * Keyway as a modular host sees it: {@code dev.keyway.core} and its dependencies resolved on a
 * module path (in a module layer built in this JVM, as the tests themselves run on the class path).
 * Catches what the class path hides: a missing {@code requires}, a resource a named module cannot
 * find, an internal package that leaked out.
 */
class ModularHostTest {

  private static ModuleLayer layer;

  private static Path locationOf(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  @BeforeAll
  static void resolveOnAModulePath() throws Exception {
    ModuleFinder finder =
        ModuleFinder.of(
            locationOf(AuthorizationServer.class),
            locationOf(OAuthRequest.class),
            locationOf(JWSObject.class),
            locationOf(Logger.class));
    Configuration configuration =
        ModuleLayer.boot()
            .configuration()
            .resolve(finder, ModuleFinder.of(), Set.of("dev.keyway.core"));
    layer =
        ModuleLayer.boot()
            .defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
  }

  @Test
  void coreResolvesWithOnlyItsDeclaredDependencies() {
    assertThat(layer.modules())
        .extracting(Module::getName)
        .containsExactlyInAnyOrder(
            "dev.keyway.core", "dev.keyway.spi", "com.nimbusds.jose.jwt", "org.slf4j");
  }

  @Test
  void internalPackagesAreClosedToHosts() {
    Module core = layer.findModule("dev.keyway.core").orElseThrow();
    assertThat(core.isExported("dev.keyway.token")).isTrue();
    assertThat(core.isExported("dev.keyway.internal")).isFalse();
    assertThat(core.isExported("dev.keyway.grant")).isFalse();
    assertThat(core.isOpen("dev.keyway.internal")).isFalse();
  }

  @Test
  void theJdbcSchemaScriptIsFoundInsideTheModule() throws Exception {
    Class<?> schema =
        layer.findLoader("dev.keyway.core").loadClass("dev.keyway.store.jdbc.JdbcSchema");
    assertThat(schema.getModule().getName()).isEqualTo("dev.keyway.core");

    List<?> statements = (List<?>) schema.getMethod("statements").invoke(null);

    assertThat(statements).isNotEmpty();
  }

  @Test
  void theAssertionReplaySchemaScriptIsFoundInsideTheModule() throws Exception {
    Class<?> store =
        layer
            .findLoader("dev.keyway.core")
            .loadClass("dev.keyway.store.jdbc.JdbcAssertionReplayStore");
    // A data source that refuses to connect: reaching it means the script was read first.
    DataSource refusing =
        (DataSource)
            Proxy.newProxyInstance(
                DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                  throw new SQLException("no database in this test");
                });

    Throwable thrown =
        catchThrowable(
            () -> store.getMethod("createSchema", DataSource.class).invoke(null, refusing));

    assertThat(thrown).isInstanceOf(InvocationTargetException.class);
    assertThat(thrown.getCause()).hasMessageNotContaining("missing resource");
    assertThat(thrown.getCause()).hasRootCauseInstanceOf(SQLException.class);
  }
}

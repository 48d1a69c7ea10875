package dev.keyway.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSObject;
import dev.keyway.AuthorizationServer;
import dev.keyway.spi.OAuthRequest;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
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
}

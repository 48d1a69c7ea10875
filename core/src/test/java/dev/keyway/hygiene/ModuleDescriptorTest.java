package dev.keyway.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.AuthorizationServer;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The compiled {@code dev.keyway.core} module exports exactly its API. Tests run on the class path,
 * so nothing else would notice a new package that was forgotten in {@code module-info.java}
 * (invisible to modular hosts and to the Javadoc) or an internal package that was exported.
 */
class ModuleDescriptorTest {

  /** Packages that are implementation only; every other package is API and must be exported. */
  private static final Set<String> NOT_EXPORTED = Set.of("dev.keyway.internal", "dev.keyway.grant");

  private static Path mainClasses() throws URISyntaxException {
    return Path.of(
        AuthorizationServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static ModuleDescriptor descriptor() throws Exception {
    try (InputStream in = Files.newInputStream(mainClasses().resolve("module-info.class"))) {
      return ModuleDescriptor.read(in);
    }
  }

  private static Set<String> compiledPackages() throws Exception {
    Path root = mainClasses();
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(p -> p.toString().endsWith(".class"))
          .filter(p -> !p.getFileName().toString().equals("module-info.class"))
          .map(
              p ->
                  root.relativize(p.getParent())
                      .toString()
                      .replace(root.getFileSystem().getSeparator(), "."))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static Set<String> exported() throws Exception {
    return descriptor().exports().stream()
        .map(ModuleDescriptor.Exports::source)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void exportsEveryApiPackageAndNoImplementationPackage() throws Exception {
    Set<String> api = new TreeSet<>(compiledPackages());
    api.removeAll(NOT_EXPORTED);
    assertThat(exported())
        .as(
            "exports of dev.keyway.core: add new API packages to module-info.java, "
                + "or list implementation packages in NOT_EXPORTED")
        .isEqualTo(api);
  }

  @Test
  void internalPackagesAreNeitherExportedNorOpened() throws Exception {
    ModuleDescriptor module = descriptor();
    assertThat(module.name()).isEqualTo("dev.keyway.core");
    assertThat(module.isOpen()).isFalse();
    assertThat(module.opens()).isEmpty();
    assertThat(exported()).doesNotContainAnyElementsOf(NOT_EXPORTED);
  }

  @Test
  void exportsAreUnqualified() throws Exception {
    assertThat(descriptor().exports()).noneMatch(ModuleDescriptor.Exports::isQualified);
  }

  @Test
  void theClassScanSeesApiAndInternalPackages() throws Exception {
    assertThat(compiledPackages()).contains("dev.keyway", "dev.keyway.internal");
  }
}

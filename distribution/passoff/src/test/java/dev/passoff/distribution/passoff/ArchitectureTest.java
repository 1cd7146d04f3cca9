package dev.passoff.distribution.passoff;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import dev.passoff.core.port.out.HandoffStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Architecture rules across every module: this artifact's tests see all production classes. Test
 * code (including the core test-jar's fakes) is left out.
 */
class ArchitectureTest {
  private static JavaClasses classes;

  /** Leaves out test classes, whether from test-classes folders or from test-jars. */
  static final class ProductionCodeOnly implements ImportOption {
    @Override
    public boolean includes(Location location) {
      return !location.contains("/test-classes/") && !location.contains("-tests.jar");
    }
  }

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(new ProductionCodeOnly())
            .importPackages("dev.passoff");
  }

  @Test
  void coreDependsOnJdkAndJspecifyOnly() {
    classes()
        .that()
        .resideInAPackage("dev.passoff.core..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "org.jspecify..", "dev.passoff.core..")
        .because("the domain must not depend on frameworks, storage or transports")
        .check(classes);
  }

  @Test
  void layersFollowTheOnion() {
    onionArchitecture()
        .domainModels(
            "dev.passoff.core.model..", "dev.passoff.core.error..", "dev.passoff.core.json..")
        .domainServices("dev.passoff.core.port..")
        .applicationServices("dev.passoff.core.service..")
        .adapter("sqlite", "dev.passoff.store.sqlite..")
        .adapter("jsonl", "dev.passoff.store.jsonl..")
        .adapter("mcp", "dev.passoff.mcp..")
        .adapter("cli", "dev.passoff.cli..")
        .ensureAllClassesAreContainedInArchitectureIgnoring("dev.passoff.distribution..")
        // distribution is the composition root: it alone may reach into every layer.
        .ignoreDependency(
            resideInAPackage("dev.passoff.distribution.."), DescribedPredicate.alwaysTrue())
        .because("adapters talk to the core only; only distribution sees every module")
        .check(classes);
  }

  @Test
  void modulesAndCorePackagesAreFreeOfCycles() {
    slices()
        .matching("dev.passoff.(*)..")
        .should()
        .beFreeOfCycles()
        .because("modules may only point inward")
        .check(classes);
    slices()
        .matching("dev.passoff.core.(*)..")
        .should()
        .beFreeOfCycles()
        .because("core packages build on each other in one direction")
        .check(classes);
  }

  @Test
  void frameworksStayInTheirAdapters() {
    noClasses()
        .that(not(resideInAPackage("dev.passoff.mcp..")))
        .and(not(resideInAPackage("dev.passoff.distribution..")))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.modelcontextprotocol..", "tools.jackson..", "reactor..")
        .because("only serve may load the MCP stack (CLI start-up budget, D6)")
        .check(classes);
    noClasses()
        .that(not(resideInAPackage("dev.passoff.cli..")))
        .should()
        .dependOnClassesThat()
        .resideInAPackage("picocli..")
        .because("picocli is the CLI adapter's business")
        .check(classes);
    noClasses()
        .that(not(resideInAPackage("dev.passoff.store.sqlite..")))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.sql..", "org.sqlite..")
        .because("JDBC and the SQLite driver stay inside the SQLite store")
        .check(classes);
    noClasses()
        .that(not(resideInAPackage("dev.passoff.distribution..")))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dagger..", "jakarta.inject..")
        .because("composition happens in distribution; adapters and core stay framework-free")
        .check(classes);
  }

  @Test
  void portsAreInterfacesAndModelsAreRecords() {
    classes()
        .that()
        .resideInAPackage("dev.passoff.core.port..")
        .and()
        .areTopLevelClasses()
        .and()
        .doNotHaveSimpleName("package-info")
        .should()
        .beInterfaces()
        .because("ports are contracts that stores and edges implement")
        .check(classes);
    classes()
        .that()
        .resideInAPackage("dev.passoff.core.model..")
        .and()
        .areTopLevelClasses()
        .and()
        .areNotInterfaces()
        .and()
        .areNotEnums()
        .and()
        .doNotHaveSimpleName("package-info")
        .should()
        .beRecords()
        .because("domain values are immutable records that validate on construction")
        .check(classes);
  }

  @Test
  void onlyMainsTouchStandardStreams() {
    noClasses()
        .that()
        .haveSimpleNameNotEndingWith("Main")
        .or()
        .resideOutsideOfPackage("dev.passoff.distribution..")
        .should(ACCESS_STANDARD_STREAMS)
        .because("stdout of the MCP stdio server belongs to the protocol")
        .check(classes);
  }

  @Test
  void noChildProcessInheritsOurStreams() {
    noClasses()
        .should()
        .callMethod(ProcessBuilder.class, "inheritIO")
        .orShould()
        .accessField(ProcessBuilder.Redirect.class, "INHERIT")
        .because("a child writing to our stdout would corrupt the MCP stream")
        .check(classes);
  }

  @Test
  void loggingIsSlf4jWithPrivateStaticFinalLoggers() {
    NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(classes);
    fields()
        .that()
        .haveRawType(org.slf4j.Logger.class)
        .should()
        .bePrivate()
        .andShould()
        .beStatic()
        .andShould()
        .beFinal()
        .because("one logger per class, never shared or injected")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void codingRules() {
    NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS.check(classes);
    NO_CLASSES_SHOULD_USE_FIELD_INJECTION.check(classes);
  }

  @Test
  void namingFollowsRoles() {
    classes()
        .that()
        .implement(HandoffStore.class)
        .should()
        .resideInAPackage("dev.passoff.store..")
        .andShould()
        .haveSimpleNameEndingWith("HandoffStore")
        .because("stores are named technology first and live in store modules")
        .check(classes);
    classes()
        .that()
        .haveSimpleNameEndingWith("Command")
        .and(not(JavaClass.Predicates.INTERFACES))
        .should()
        .resideInAPackage("dev.passoff.cli..")
        .because("Command names CLI commands; use-case inputs are *Request records")
        .allowEmptyShould(true)
        .check(classes);
  }
}

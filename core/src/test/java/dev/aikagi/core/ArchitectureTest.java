package dev.aikagi.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps core framework-free and deterministic (docs/STYLE.md rules 2, 7 and 8): no Spring, JDBC, servlet or
 * Jackson types; no wall clock; no SecureRandom made here.
 */
class ArchitectureTest {

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.aikagi.core");
    }

    @Test
    void coreWhenImportedThenUsesNoFrameworkTypes() {
        ArchRule rule = noClasses().should().dependOnClassesThat().resideInAnyPackage(
                "org.springframework..", "java.sql..", "javax.sql..", "jakarta..", "javax.servlet..",
                "com.fasterxml.jackson..", "tools.jackson..", "org.flywaydb..", "org.slf4j..");
        rule.check(core);
    }

    @Test
    void coreWhenImportedThenNeverReadsTheWallClock() {
        noClasses().should().callMethod(Instant.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(java.time.LocalDateTime.class, "now")
                .orShould().callMethod(java.time.Clock.class, "systemUTC")
                .orShould().callMethod(java.time.Clock.class, "systemDefaultZone")
                .because("time comes from an injected Clock or an Instant parameter")
                .check(core);
    }

    @Test
    void coreWhenImportedThenNeverCreatesItsOwnRandomness() {
        noClasses().should().callConstructor(SecureRandom.class)
                .orShould().callConstructor(SecureRandom.class, byte[].class)
                .orShould().callMethod(SecureRandom.class, "getInstanceStrong")
                .orShould().callConstructor(java.util.Random.class)
                .orShould().callMethod(java.util.UUID.class, "randomUUID")
                .orShould().callMethod(Math.class, "random")
                .because("randomness comes from the one injected SecretGenerator")
                .check(core);
    }

    @Test
    void coreWhenRuleViolatedThenArchUnitReportsIt() {
        // The rules above must be able to fail: the same wall-clock rule over this test class, which
        // calls Instant.now(), reports a violation.
        JavaClasses offender = new ClassFileImporter().importClasses(WallClockOffender.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> noClasses().should().callMethod(Instant.class, "now").check(offender))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Instant.now()");
    }

    static final class WallClockOffender {
        Instant read() {
            return Instant.now();
        }
    }
}

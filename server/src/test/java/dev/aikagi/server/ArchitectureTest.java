package dev.aikagi.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.conditions.ArchConditions;
import com.tngtech.archunit.library.dependencies.SliceRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The package rules of server/ (docs/STYLE.md rule 3): one package per journey, which reaches other server
 * code only through the shared {@code web} and {@code properties} packages; the wiring in {@code config},
 * which may use anything and which nothing uses; and no package cycles.
 */
class ArchitectureTest {

    private static final String ROOT = "dev.aikagi.server";
    /** The journey packages: each holds a journey's pages, its API and its failures. */
    static final List<String> JOURNEYS =
            List.of("login", "account", "twostep", "contact", "recovery", "support", "admin", "oidc");
    /** What every journey may use besides itself and code outside server/ (core, jdbc, libraries). */
    static final List<String> SHARED = List.of("web", "properties");
    /** Shared server code that is no journey: it may not reach into one. */
    static final List<String> NOT_JOURNEYS = List.of("web", "properties", "delivery", "metrics");

    /**
     * Edges between journeys that are still in the tree when these rules were written: issue 16's work on
     * each journey's paths, failures and sign-in removes them. Exactly these edges, no others; delete each
     * line when its edge goes ({@link #knownEdgesWhenListedThenEachStillExists} says when), and this list
     * when it is empty.
     */
    static final Set<String> KNOWN_EDGES = Set.of(
            // The login page continues a pending OpenID Connect authorization (the application that sent the
            // person here): the one place a journey reaches into another.
            "login.LoginPageController -> oidc.PendingAuthorization");

    /** server's main sources; surefire runs in the module directory and names it in {@code basedir}. */
    private static final Path SOURCES =
            Path.of(System.getProperty("basedir", "")).resolve("src/main/java/dev/aikagi/server");
    /** A reference to a server class by its full name, in an import or in the code. */
    private static final Pattern SERVER_REFERENCE = Pattern.compile("dev\\.aikagi\\.server\\.([a-z]+)\\.([A-Z]\\w*)");

    private static JavaClasses server;

    @BeforeAll
    static void importServer() {
        server = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    static Stream<String> journeys() {
        return JOURNEYS.stream();
    }

    @ParameterizedTest
    @MethodSource("journeys")
    void journeyWhenImportedThenUsesOnlyItselfAndTheSharedPackages(String journey) {
        journeyUsesOnlyItselfAndShared(ROOT, journey, KNOWN_EDGES).check(server);
    }

    @Test
    void packagesWhenImportedThenHaveNoCycles() {
        noCycles(ROOT, KNOWN_EDGES).check(server);
    }

    @Test
    void configWhenImportedThenNothingElseDependsOnIt() {
        nothingDependsOnConfig(ROOT).check(server);
    }

    @Test
    void sharedPackagesWhenImportedThenReachIntoNoJourney() {
        sharedReachesNoJourney(ROOT).check(server);
    }

    @Test
    void propertiesWhenImportedThenDependOnNoOtherServerPackage() {
        classes().that().resideInAPackage(ROOT + ".properties..")
                .should().onlyDependOnClassesThat(JavaClass.Predicates.resideOutsideOfPackage(ROOT + "..")
                        .or(JavaClass.Predicates.resideInAPackage(ROOT + ".properties..")))
                .because("every package reads the operator's settings, so they may read no package")
                .check(server);
    }

    @Test
    void knownEdgesWhenListedThenEachStillExists() {
        // A line of KNOWN_EDGES whose import has gone must go too, or it would hide a new one.
        for (String edge : KNOWN_EDGES) {
            String[] ends = edge.split(" -> ");
            JavaClass origin = server.get(ROOT + "." + ends[0]);
            boolean exists = origin.getDirectDependenciesFromSelf().stream()
                    .anyMatch(d -> d.getTargetClass().getName().equals(ROOT + "." + ends[1]));
            assertThat(exists || importsInSource(ends[0], ends[1])).as(edge).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("journeys")
    void journeyWhenSourceReadThenImportsNoOtherJourney(String journey) throws IOException {
        // Bytecode does not show constants (javac copies them into the class that reads them): the imports do.
        List<String> found = new ArrayList<>();
        Path dir = SOURCES.resolve(journey);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String origin = journey + "." + file.getFileName().toString().replace(".java", "");
                Matcher m = SERVER_REFERENCE.matcher(Files.readString(file));
                while (m.find()) {
                    String target = m.group(1) + "." + m.group(2);
                    boolean allowed = m.group(1).equals(journey) || SHARED.contains(m.group(1));
                    if (!allowed && !KNOWN_EDGES.contains(origin + " -> " + target)) {
                        found.add(origin + " -> " + target);
                    }
                }
            }
        }
        assertThat(found).as("references from %s to server code outside web/ and properties/", journey).isEmpty();
    }

    @Test
    void rulesWhenViolatedThenArchUnitReportsThem() {
        // The rules above must be able to fail: over fixtures where login and twostep use each other and
        // login uses config, each rule reports its violation.
        String fixtures = ROOT + ".testing.architecture";
        JavaClasses offenders = new ClassFileImporter().importPackages(fixtures);
        assertThatThrownBy(() -> journeyUsesOnlyItselfAndShared(fixtures, "login", Set.of()).check(offenders))
                .isInstanceOf(AssertionError.class).hasMessageContaining("twostep.TwoStepTarget");
        assertThatThrownBy(() -> noCycles(fixtures, Set.of()).check(offenders))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Cycle detected");
        assertThatThrownBy(() -> nothingDependsOnConfig(fixtures).check(offenders))
                .isInstanceOf(AssertionError.class).hasMessageContaining("config.ConfigTarget");
    }

    static ArchRule journeyUsesOnlyItselfAndShared(String root, String journey, Set<String> knownEdges) {
        DescribedPredicate<JavaClass> allowed = JavaClass.Predicates.resideOutsideOfPackage(root + "..")
                .or(JavaClass.Predicates.resideInAnyPackage(Stream.concat(Stream.of(journey), SHARED.stream())
                        .map(p -> root + "." + p + "..").toArray(String[]::new)));
        return classes().that().resideInAPackage(root + "." + journey + "..")
                .should(ArchConditions.onlyHaveDependenciesWhere(Dependency.Predicates.dependencyTarget(allowed)
                        .or(known(root, knownEdges))))
                .because("a journey reaches other server code only through web/ and properties/"
                        + " (docs/STYLE.md rule 3)");
    }

    static SliceRule noCycles(String root, Set<String> knownEdges) {
        SliceRule rule = slices().matching(root + ".(*)..").should().beFreeOfCycles();
        for (String edge : knownEdges) {
            String[] ends = edge.split(" -> ");
            rule = rule.ignoreDependency(classOrNested(root + "." + ends[0]), classOrNested(root + "." + ends[1]));
        }
        return rule;
    }

    static ArchRule nothingDependsOnConfig(String root) {
        return noClasses().that().resideOutsideOfPackage(root + ".config..")
                .should().dependOnClassesThat().resideInAPackage(root + ".config..")
                .because("config/ wires everything; shared settings live in properties/ (docs/STYLE.md rule 3)");
    }

    static ArchRule sharedReachesNoJourney(String root) {
        return noClasses().that().resideInAnyPackage(packages(root, NOT_JOURNEYS))
                .should().dependOnClassesThat().resideInAnyPackage(packages(root, JOURNEYS))
                .because("shared server code serves every journey and belongs to none (docs/STYLE.md rule 3)");
    }

    private static boolean importsInSource(String origin, String target) {
        try {
            String text = Files.readString(SOURCES.resolve(origin.replace('.', '/') + ".java"));
            return text.contains(ROOT + "." + target + ";") || text.contains(ROOT + "." + target + ".");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] packages(String root, List<String> names) {
        return names.stream().map(p -> root + "." + p + "..").toArray(String[]::new);
    }

    private static DescribedPredicate<Dependency> known(String root, Set<String> knownEdges) {
        return DescribedPredicate.describe("a known controller edge", d -> knownEdges.stream().anyMatch(edge -> {
            String[] ends = edge.split(" -> ");
            return classOrNested(root + "." + ends[0]).test(d.getOriginClass())
                    && classOrNested(root + "." + ends[1]).test(d.getTargetClass());
        }));
    }

    private static DescribedPredicate<JavaClass> classOrNested(String name) {
        return DescribedPredicate.describe(name,
                c -> c.getName().equals(name) || c.getName().startsWith(name + "$"));
    }
}

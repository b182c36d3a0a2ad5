package live.catwalk.bootstrap.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * The rules of DESIGN.md ("Modules", "Rules") and STYLE.md ("Shape") as ArchUnit rules: here what each module
 * may use and how core is shaped, in {@link DirectionRules} who may reach whom. Each has a name so that
 * {@code ArchitectureBiteTest} can prove it catches a planted violation.
 */
final class ArchitectureRules {

    static final String CORE = "live.catwalk.core..";
    static final String PERSISTENCE = "live.catwalk.adapters.persistence..";
    private static final String REST = "live.catwalk.adapters.rest..";
    static final String FLY = "live.catwalk.adapters.fly..";
    static final String LLM = "live.catwalk.adapters.llm..";
    static final String BOOTSTRAP = "live.catwalk.bootstrap..";
    static final String ENGINE = "live.catwalk.core.mcp.engine..";
    static final String RUNNER = "live.catwalk.runner..";

    /** A rule and the name its bite test refers to. */
    record NamedRule(String name, ArchRule rule) {
    }

    private ArchitectureRules() {
    }

    static List<NamedRule> all() {
        return List.of(
                new NamedRule("core uses only the JDK and Jackson", coreUsesOnlyJdkAndJackson()),
                new NamedRule("core does no I/O", coreDoesNoIo()),
                new NamedRule("core never reads the wall clock", coreNeverReadsTheWallClock()),
                new NamedRule("core never reads the environment", coreNeverReadsTheEnvironment()),
                new NamedRule("core never writes to the console", coreNeverWritesToTheConsole()),
                new NamedRule("core follows the feature layout", coreFollowsTheFeatureLayout()),
                new NamedRule("domain does not depend on ports or use cases", domainDependsOnNoPortOrUseCase()),
                new NamedRule("adapters do not depend on each other", adaptersDoNotDependOnEachOther()),
                new NamedRule("nothing depends on bootstrap", nothingDependsOnBootstrap()),
                new NamedRule("bootstrap is config, wiring and command around the Catwalk facade",
                        DirectionRules.bootstrapIsSplitByRole()),
                new NamedRule("bootstrap's config depends on neither wiring nor command",
                        DirectionRules.bootstrapConfigUsesNoWiringOrCommand()),
                new NamedRule("bootstrap's wiring does not depend on command", DirectionRules.bootstrapWiringUsesNoCommand()),
                new NamedRule("bootstrap's cli is only a client of the API", DirectionRules.bootstrapCliIsOnlyAClientOfTheApi()),
                new NamedRule("jOOQ and JDBC stay in adapters-persistence", persistenceTechStaysInPersistence()),
                new NamedRule("JAX-RS, Jersey and Grizzly stay in adapters-rest", jaxRsStaysInRest()),
                new NamedRule("java.net.http stays in the HTTP adapters", httpClientStaysInHttpAdapters()),
                new NamedRule("Tink stays in adapters-persistence", tinkStaysInPersistence()),
                new NamedRule("ports are interfaces", portsAreInterfaces()),
                new NamedRule("use cases are final services implementing an in-port", useCasesAreFinalInPortServices()),
                new NamedRule("out-ports are implemented only outside core", outPortsAreImplementedOutsideCore()),
                new NamedRule("only bootstrap reaches a use case or the engine from outside core",
                        DirectionRules.onlyBootstrapReachesUseCases()),
                new NamedRule("inside core, only use cases reach the MCP engine", DirectionRules.onlyUseCasesReachTheEngine()),
                new NamedRule("the engine's bridge knows nothing of endpoints and sessions' exchanges",
                        DirectionRules.bridgeKnowsNoEndpoint()),
                new NamedRule("driven adapters use no in-port", DirectionRules.drivenAdaptersUseNoInPort()),
                new NamedRule("domain types are immutable", DirectionRules.domainTypesAreImmutable()),
                new NamedRule("core's features are free of cycles", DirectionRules.coreFeaturesAreFreeOfCycles()));
    }



    static ArchRule coreUsesOnlyJdkAndJackson() {
        return classes().that().resideInAPackage(CORE)
                .should().onlyDependOnClassesThat(resideInAnyPackage("java..", "javax.crypto..",
                                "com.fasterxml.jackson..", CORE)
                        .or(describe("primitives", JavaClass::isPrimitive))
                        .or(describe("arrays", JavaClass::isArray)))
                .because("core is plain Java (the JDK's javax.crypto included: an HMAC needs no library) plus "
                        + "jackson-databind (DESIGN.md, STYLE.md 1)");
    }

    static ArchRule coreDoesNoIo() {
        return noClasses().that().resideInAPackage(CORE)
                .should().dependOnClassesThat(resideInAnyPackage("java.nio.file..", "java.nio.channels..",
                        "java.net.http..", "java.sql..")
                        .or(describe("files, sockets, URL connections or processes", c -> Set.of(
                                "java.io.File", "java.io.FileInputStream", "java.io.FileOutputStream",
                                "java.io.FileReader", "java.io.FileWriter", "java.io.RandomAccessFile",
                                "java.net.Socket", "java.net.ServerSocket", "java.net.DatagramSocket",
                                "java.net.URLConnection", "java.net.HttpURLConnection",
                                "java.lang.ProcessBuilder", "java.lang.Process").contains(c.getName()))))
                .because("core never does I/O itself; it reaches the world through out-ports (DESIGN.md)");
    }

    static ArchRule coreNeverReadsTheWallClock() {
        DescribedPredicate<JavaMethodCall> readsClock = describe("reads the system clock", call -> {
            String owner = call.getTargetOwner().getName();
            String name = call.getTarget().getName();
            boolean timeNow = call.getTargetOwner().getPackageName().equals("java.time") && name.equals("now")
                    && call.getTarget().getRawParameterTypes().stream().noneMatch(t -> t.isEquivalentTo(Clock.class));
            boolean systemClock = owner.equals("java.time.Clock") && name.startsWith("system");
            boolean systemTime = owner.equals("java.lang.System")
                    && (name.equals("currentTimeMillis") || name.equals("nanoTime"));
            return timeNow || systemClock || systemTime;
        });
        return noClasses().that().resideInAPackage(CORE)
                .should().callMethodWhere(readsClock)
                .orShould().callConstructorWhere(describe("new Date()", call ->
                        call.getTargetOwner().getName().equals("java.util.Date")
                                && call.getTarget().getRawParameterTypes().isEmpty()))
                .because("core takes time from an injected Clock (STYLE.md 7)");
    }

    static ArchRule coreNeverReadsTheEnvironment() {
        DescribedPredicate<JavaMethodCall> readsEnvironment = describe("reads the environment or system properties",
                call -> {
                    String owner = call.getTargetOwner().getName();
                    String name = call.getTarget().getName();
                    return (owner.equals("java.lang.System") && Set.of("getenv", "getProperty", "getProperties")
                            .contains(name))
                            || (owner.equals("java.lang.Integer") && name.equals("getInteger"))
                            || (owner.equals("java.lang.Long") && name.equals("getLong"))
                            || (owner.equals("java.lang.Boolean") && name.equals("getBoolean"));
                });
        return noClasses().that().resideInAPackage(CORE)
                .should().callMethodWhere(readsEnvironment)
                .because("only bootstrap reads configuration; core gets values passed in (DESIGN.md)");
    }

    static ArchRule coreNeverWritesToTheConsole() {
        DescribedPredicate<JavaFieldAccess> consoleStream = describe("System.out, System.err or System.in",
                access -> access.getTargetOwner().getName().equals("java.lang.System")
                        && Set.of("out", "err", "in").contains(access.getTarget().getName()));
        DescribedPredicate<JavaMethodCall> printsTrace = describe("printStackTrace() or System.console()",
                call -> call.getTarget().getName().equals("printStackTrace")
                        || (call.getTargetOwner().getName().equals("java.lang.System")
                        && call.getTarget().getName().equals("console")));
        return noClasses().that().resideInAPackage(CORE)
                .should().accessFieldWhere(consoleStream)
                .orShould().callMethodWhere(printsTrace)
                .because("core has no console and no logging framework (STYLE.md 1)");
    }

    static ArchRule coreFollowsTheFeatureLayout() {
        return classes().that().resideInAPackage(CORE)
                .should().resideInAnyPackage("live.catwalk.core.shared..", "live.catwalk.core.*.domain..",
                        "live.catwalk.core.*.port.in..", "live.catwalk.core.*.port.out..", "live.catwalk.core.*.usecase..",
                        ENGINE)
                .because("core is core.<feature>.{domain, port.in, port.out, usecase} plus core.shared (STYLE.md 2), "
                        + "and the MCP engine in core.mcp.engine");
    }

    static ArchRule domainDependsOnNoPortOrUseCase() {
        return noClasses().that().resideInAPackage("live.catwalk.core.*.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("live.catwalk.core.*.port..",
                        "live.catwalk.core.*.usecase..", ENGINE)
                .because("the domain is the innermost ring");
    }

    static ArchRule adaptersDoNotDependOnEachOther() {
        return slices().assignedFrom(new AdapterModules()).should().notDependOnEachOther()
                .because("adapters meet only through core's ports, wired in bootstrap (DESIGN.md)");
    }

    static ArchRule nothingDependsOnBootstrap() {
        return noClasses().that().resideOutsideOfPackage(BOOTSTRAP)
                .should().dependOnClassesThat().resideInAPackage(BOOTSTRAP)
                .because("bootstrap is the composition root; only it sees every module (DESIGN.md)");
    }


    static ArchRule persistenceTechStaysInPersistence() {
        return noClasses().that().resideOutsideOfPackage(PERSISTENCE)
                .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", "java.sql..", "javax.sql..",
                        "org.flywaydb..", "com.zaxxer.hikari..", "org.h2..", "org.postgresql..")
                .because("SQL is adapters-persistence's business (DESIGN.md)");
    }

    static ArchRule jaxRsStaysInRest() {
        return noClasses().that().resideOutsideOfPackage(REST)
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.glassfish.jersey..",
                        "org.glassfish.grizzly..")
                .because("HTTP serving is adapters-rest's business (DESIGN.md)");
    }

    static ArchRule httpClientStaysInHttpAdapters() {
        return noClasses().that().resideOutsideOfPackages(FLY, LLM, BOOTSTRAP)
                .should().dependOnClassesThat().resideInAPackage("java.net.http..")
                .because("outbound HTTP is for adapters-fly and adapters-llm; bootstrap creates the client they are"
                        + " given, and its cli is a client of Catwalk's own API (STYLE.md 12)");
    }

    static ArchRule tinkStaysInPersistence() {
        return noClasses().that().resideOutsideOfPackage(PERSISTENCE)
                .should().dependOnClassesThat().resideInAPackage("com.google.crypto.tink..")
                .because("the secret cipher lives in adapters-persistence (DESIGN.md)");
    }

    static ArchRule portsAreInterfaces() {
        return classes().that().resideInAnyPackage("live.catwalk.core.*.port.in..", "live.catwalk.core.*.port.out..")
                .and().areTopLevelClasses()
                .should().beInterfaces()
                .because("a port is a contract; records it needs are nested in it (STYLE.md 3, 4)");
    }

    static ArchRule useCasesAreFinalInPortServices() {
        // As for out-ports: a port's own nested result types (a sealed Result and its records) are values, not ports.
        DescribedPredicate<JavaClass> implementsAnInPort = describe("implement an in-port",
                c -> c.getAllRawInterfaces().stream().anyMatch(i -> i.isTopLevelClass()
                        && i.getPackageName().matches("live\\.catwalk\\.core\\.[^.]+\\.port\\.in(\\..*)?")));
        ArchRule inPortImplementations = classes().that().resideInAPackage(CORE).and(implementsAnInPort)
                .should().haveModifier(JavaModifier.FINAL).andShould().haveSimpleNameEndingWith("Service")
                .andShould().resideInAPackage("live.catwalk.core.*.usecase..")
                .allowEmptyShould(true);
        ArchRule services = classes().that().resideInAPackage("live.catwalk.core.*.usecase..")
                .and().haveSimpleNameEndingWith("Service")
                .should().haveModifier(JavaModifier.FINAL)
                .andShould().implement(resideInAPackage("live.catwalk.core.*.port.in.."))
                .allowEmptyShould(true);
        return CompositeArchRule.of(inPortImplementations).and(services)
                .because("one use case = one in-port + one final ...Service in usecase (STYLE.md 3)");
    }

    static ArchRule outPortsAreImplementedOutsideCore() {
        // A port's own nested result types (e.g. a sealed Lookup and its records) are values, not ports.
        DescribedPredicate<JavaClass> anOutPort = describe("an out-port",
                c -> c.isTopLevelClass() && c.getPackageName().matches("live\\.catwalk\\.core\\.[^.]+\\.port\\.out(\\..*)?"));
        // The one exception: the in-process engine is the McpUpstream(s) of deployments run here.
        return noClasses().that().resideInAPackage(CORE).and().resideOutsideOfPackage(ENGINE)
                .should().implement(anOutPort)
                .because("out-ports are implemented by adapters (fakes live in core's test-jar) and by the in-process "
                        + "MCP engine, an upstream (DESIGN.md)");
    }

    /** Each adapter module is a slice: adapters-rest, -persistence, -fly, -llm and machine-image's runner. */
    private static final class AdapterModules implements SliceAssignment {

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String pkg = javaClass.getPackageName();
            if (pkg.startsWith("live.catwalk.adapters.")) {
                return SliceIdentifier.of("adapters-" + pkg.substring("live.catwalk.adapters.".length()).split("\\.")[0]);
            }
            if (pkg.equals("live.catwalk.runner") || pkg.startsWith("live.catwalk.runner.")) {
                return SliceIdentifier.of("machine-image");
            }
            return SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "adapter modules";
        }
    }
}

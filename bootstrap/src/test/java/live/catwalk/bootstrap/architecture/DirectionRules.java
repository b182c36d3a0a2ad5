package live.catwalk.bootstrap.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static live.catwalk.bootstrap.architecture.ArchitectureRules.BOOTSTRAP;
import static live.catwalk.bootstrap.architecture.ArchitectureRules.CORE;
import static live.catwalk.bootstrap.architecture.ArchitectureRules.ENGINE;
import static live.catwalk.bootstrap.architecture.ArchitectureRules.FLY;
import static live.catwalk.bootstrap.architecture.ArchitectureRules.LLM;
import static live.catwalk.bootstrap.architecture.ArchitectureRules.PERSISTENCE;
import static live.catwalk.bootstrap.architecture.ArchitectureRules.RUNNER;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * The hexagon's direction: who may reach whom (use cases, the MCP engine, in-ports), core's features without
 * cycles, domain values immutable, and bootstrap's roles. {@link ArchitectureRules} names them with the rules of
 * what each module may use.
 */
final class DirectionRules {

    private static final String BOOTSTRAP_CONFIG = "live.catwalk.bootstrap.config..";
    private static final String BOOTSTRAP_WIRING = "live.catwalk.bootstrap.wiring..";
    private static final String BOOTSTRAP_COMMAND = "live.catwalk.bootstrap.command..";
    private static final String BOOTSTRAP_CLI = "live.catwalk.bootstrap.cli..";
    /** The library facade, the one class (with its nested ones) at bootstrap's root. */
    private static final String FACADE = "live.catwalk.bootstrap.Catwalk";

    private DirectionRules() {
    }

    static ArchRule onlyBootstrapReachesUseCases() {
        return noClasses().that().resideOutsideOfPackages(CORE, BOOTSTRAP)
                .should().dependOnClassesThat().resideInAnyPackage("live.catwalk.core.*.usecase..", ENGINE)
                .because("adapters drive core through in-ports and are driven through out-ports; only the "
                        + "composition root news a use case or the engine (DESIGN.md, Modules: Rules)");
    }

    static ArchRule onlyUseCasesReachTheEngine() {
        return noClasses().that().resideInAPackage(CORE)
                .and().resideOutsideOfPackages(ENGINE, "live.catwalk.core.*.usecase..")
                .should().dependOnClassesThat().resideInAPackage(ENGINE)
                .because("the engine is one upstream behind the McpUpstream port; the edge, the domain and the ports "
                        + "know it only through ports, and only the use cases that manage it name it");
    }

    static ArchRule bridgeKnowsNoEndpoint() {
        return noClasses().that().resideInAPackage("live.catwalk.core.mcp.engine.bridge..")
                .should().dependOnClassesThat().resideInAPackage("live.catwalk.core.mcp.engine")
                .because("a bridge is one encapsulated object per server process: endpoints use it through its "
                        + "methods, and it reaches sessions only through BridgeSessions, so no cycle runs through it");
    }

    static ArchRule drivenAdaptersUseNoInPort() {
        // LocalRuntime is the local runtime: the Runtime out-port implemented by registering servers with the
        // in-process MCP engine, through the engine's management in-port. The supervisor itself stays driven.
        return noClasses().that().resideInAnyPackage(PERSISTENCE, LLM, FLY, RUNNER)
                .and().doNotHaveFullyQualifiedName("live.catwalk.runner.LocalRuntime")
                .should().dependOnClassesThat().resideInAPackage("live.catwalk.core.*.port.in..")
                .because("a driven adapter answers core's out-ports and never drives core itself (DESIGN.md, "
                        + "Modules: Rules)");
    }

    static ArchRule domainTypesAreImmutable() {
        // Exempt: private nested helpers no one else sees (a parser's cursor), which are not domain types. The
        // engine's stateful mailboxes (sessions, streams, event logs) live in core.mcp.engine, not in a domain.
        return fields().that().areDeclaredInClassesThat().resideInAPackage("live.catwalk.core.*.domain..")
                .and().areDeclaredInClassesThat(describe("are not private",
                        c -> !c.getModifiers().contains(JavaModifier.PRIVATE)))
                .should().beFinal()
                .because("domain types are values: a change makes a new one (STYLE.md; DESIGN.md)");
    }

    static ArchRule coreFeaturesAreFreeOfCycles() {
        return slices().assignedFrom(new CoreFeatures()).should().beFreeOfCycles()
                .because("a feature depends on another only one way; values several features use live in "
                        + "core.shared (DESIGN.md, Modules: Rules)");
    }

    static ArchRule bootstrapIsSplitByRole() {
        return classes().that().resideInAPackage(BOOTSTRAP)
                .and(describe("are not the Catwalk facade or nested in it",
                        c -> !c.getName().equals(FACADE) && !c.getName().startsWith(FACADE + "$")))
                .should().resideInAnyPackage(BOOTSTRAP_CONFIG, BOOTSTRAP_WIRING, BOOTSTRAP_COMMAND, BOOTSTRAP_CLI)
                .because("bootstrap is split by role: config (what is read from the environment and files), wiring "
                        + "(the composition root and what it news), command (the command line) and cli (the client "
                        + "verbs); only the embedding facade, Catwalk, is at the root (docs/ARCHITECTURE.md)");
    }

    static ArchRule bootstrapCliIsOnlyAClientOfTheApi() {
        return noClasses().that().resideInAPackage(BOOTSTRAP_CLI)
                .should().dependOnClassesThat().resideInAnyPackage(CORE, "live.catwalk.adapters..", RUNNER,
                        BOOTSTRAP_CONFIG, BOOTSTRAP_WIRING, BOOTSTRAP_COMMAND)
                .because("the client verbs talk to a server over its REST API, like any other client; they know "
                        + "its JSON, not its classes (issue 13)");
    }

    static ArchRule bootstrapConfigUsesNoWiringOrCommand() {
        return noClasses().that().resideInAPackage(BOOTSTRAP_CONFIG)
                .should().dependOnClassesThat().resideInAnyPackage(BOOTSTRAP_WIRING, BOOTSTRAP_COMMAND)
                .because("configuration is read and checked before anything is wired or run; wiring and the "
                        + "command line read it, never the other way round");
    }

    static ArchRule bootstrapWiringUsesNoCommand() {
        return noClasses().that().resideInAPackage(BOOTSTRAP_WIRING)
                .should().dependOnClassesThat().resideInAPackage(BOOTSTRAP_COMMAND)
                .because("the composition root serves both the command line and the embedding facade, so it knows "
                        + "neither exit codes nor commands");
    }

    /** One slice per feature of core ({@code core.<feature>}); core.shared belongs to none. */
    private static final class CoreFeatures implements SliceAssignment {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            if (!name.startsWith("live.catwalk.core.") || name.startsWith("live.catwalk.core.shared")) {
                return SliceIdentifier.ignore();
            }
            String rest = name.substring("live.catwalk.core.".length());
            int dot = rest.indexOf('.');
            return SliceIdentifier.of("core." + (dot < 0 ? rest : rest.substring(0, dot)));
        }

        @Override
        public String getDescription() {
            return "core's features";
        }
    }
}

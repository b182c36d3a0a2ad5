package live.catwalk.bootstrap.architecture;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import live.catwalk.adapters.fly.bite.UsesJaxRs;
import live.catwalk.adapters.fly.bite.UsesJooq;
import live.catwalk.adapters.fly.bite.UsesTheRestAdapter;
import live.catwalk.adapters.llm.bite.UsesBootstrap;
import live.catwalk.adapters.llm.bite.UsesAnInPort;
import live.catwalk.adapters.llm.bite.UsesJdbc;
import live.catwalk.adapters.rest.RestServer;
import live.catwalk.adapters.rest.bite.ReachesAUseCase;
import live.catwalk.adapters.rest.bite.ReachesTheEngine;
import live.catwalk.adapters.rest.bite.UsesHttpClient;
import live.catwalk.adapters.rest.bite.UsesTink;
import live.catwalk.bootstrap.architecture.ArchitectureRules.NamedRule;
import live.catwalk.bootstrap.bite.StrayInBootstrap;
import live.catwalk.bootstrap.cli.bite.CliUsesCore;
import live.catwalk.bootstrap.cli.bite.CliUsesWiring;
import live.catwalk.bootstrap.config.bite.ConfigUsesACommand;
import live.catwalk.bootstrap.config.bite.ConfigUsesWiring;
import live.catwalk.bootstrap.wiring.bite.WiringUsesACommand;
import live.catwalk.core.bite.Stray;
import live.catwalk.core.bitea.domain.NeedsB;
import live.catwalk.core.biteb.domain.NeedsA;
import live.catwalk.core.bite.domain.CreatesNewDate;
import live.catwalk.core.bite.domain.DependsOnAPort;
import live.catwalk.core.bite.domain.ImplementsAnOutPort;
import live.catwalk.core.bite.domain.MutableValue;
import live.catwalk.core.bite.domain.PrintsAStackTrace;
import live.catwalk.core.bite.domain.PrintsToStdout;
import live.catwalk.core.bite.domain.ReadsASystemProperty;
import live.catwalk.core.bite.domain.ReadsAnInjectedClock;
import live.catwalk.core.bite.domain.ReadsCurrentTimeMillis;
import live.catwalk.core.bite.domain.ReadsGetenv;
import live.catwalk.core.bite.domain.ReadsInstantNow;
import live.catwalk.core.bite.domain.ReadsLocalDateTimeInAZone;
import live.catwalk.core.bite.domain.UsesAnAdapter;
import live.catwalk.core.bite.port.in.DrivesTheEngine;
import live.catwalk.core.mcp.engine.bridge.bite.KnowsTheEndpoints;
import live.catwalk.core.bite.port.in.InPortAsRecord;
import live.catwalk.core.bite.port.out.OutPortAsClass;
import live.catwalk.core.bite.usecase.ReadsAFile;
import live.catwalk.runner.bite.SupervisorUsesAnInPort;
import live.catwalk.core.bite.usecase.FinalButMisnamed;
import live.catwalk.core.bite.usecase.LonelyService;
import live.catwalk.core.bite.usecase.NotFinalService;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Proves every architecture rule bites: each planted violation, imported on its own, is reported by
 * its rule and named in the report. A rule without a planted violation fails this test.
 */
class ArchitectureBiteTest {

    /** A class that breaks a rule, and classes the rule needs to see next to it (e.g. the other slice). */
    private record Plant(Class<?> violator, Class<?>... context) {
    }

    private static final Map<String, List<Plant>> PLANTED = Map.ofEntries(
            entry("core uses only the JDK and Jackson", List.of(new Plant(UsesAnAdapter.class))),
            entry("core does no I/O", List.of(new Plant(ReadsAFile.class))),
            entry("core never reads the wall clock", List.of(new Plant(ReadsInstantNow.class),
                    new Plant(ReadsCurrentTimeMillis.class), new Plant(ReadsLocalDateTimeInAZone.class),
                    new Plant(CreatesNewDate.class))),
            entry("core never reads the environment", List.of(new Plant(ReadsGetenv.class),
                    new Plant(ReadsASystemProperty.class))),
            entry("core never writes to the console", List.of(new Plant(PrintsToStdout.class),
                    new Plant(PrintsAStackTrace.class))),
            entry("core follows the feature layout", List.of(new Plant(Stray.class))),
            entry("domain does not depend on ports or use cases", List.of(new Plant(DependsOnAPort.class))),
            entry("adapters do not depend on each other", List.of(new Plant(UsesTheRestAdapter.class, RestServer.class))),
            entry("nothing depends on bootstrap", List.of(new Plant(UsesBootstrap.class))),
            entry("bootstrap is config, wiring and command around the Catwalk facade",
                    List.of(new Plant(StrayInBootstrap.class))),
            entry("bootstrap's config depends on neither wiring nor command",
                    List.of(new Plant(ConfigUsesWiring.class), new Plant(ConfigUsesACommand.class))),
            entry("bootstrap's wiring does not depend on command", List.of(new Plant(WiringUsesACommand.class))),
            entry("bootstrap's cli is only a client of the API", List.of(new Plant(CliUsesCore.class),
                    new Plant(CliUsesWiring.class))),
            entry("jOOQ and JDBC stay in adapters-persistence", List.of(new Plant(UsesJdbc.class), new Plant(UsesJooq.class))),
            entry("JAX-RS, Jersey and Grizzly stay in adapters-rest", List.of(new Plant(UsesJaxRs.class))),
            entry("java.net.http stays in the HTTP adapters", List.of(new Plant(UsesHttpClient.class))),
            entry("Tink stays in adapters-persistence", List.of(new Plant(UsesTink.class))),
            entry("ports are interfaces", List.of(new Plant(OutPortAsClass.class), new Plant(InPortAsRecord.class))),
            entry("use cases are final services implementing an in-port", List.of(new Plant(NotFinalService.class),
                    new Plant(FinalButMisnamed.class), new Plant(LonelyService.class))),
            entry("out-ports are implemented only outside core", List.of(new Plant(ImplementsAnOutPort.class))),
            entry("only bootstrap reaches a use case or the engine from outside core",
                    List.of(new Plant(ReachesAUseCase.class), new Plant(ReachesTheEngine.class))),
            entry("inside core, only use cases reach the MCP engine", List.of(new Plant(DrivesTheEngine.class))),
            entry("the engine's bridge knows nothing of endpoints and sessions' exchanges",
                    List.of(new Plant(KnowsTheEndpoints.class))),
            entry("driven adapters use no in-port", List.of(new Plant(UsesAnInPort.class),
                    new Plant(SupervisorUsesAnInPort.class))),
            entry("domain types are immutable", List.of(new Plant(MutableValue.class))),
            entry("core's features are free of cycles", List.of(new Plant(NeedsB.class, NeedsA.class))));

    @Test
    void everyRuleHasAPlantedViolation() {
        Set<String> rules = ArchitectureRules.all().stream().map(NamedRule::name).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(rules, new TreeSet<>(PLANTED.keySet()));
    }

    @TestFactory
    Stream<DynamicTest> eachRuleReportsItsPlantedViolations() {
        List<DynamicTest> tests = new ArrayList<>();
        for (NamedRule named : ArchitectureRules.all()) {
            for (Plant plant : PLANTED.getOrDefault(named.name(), List.of())) {
                tests.add(DynamicTest.dynamicTest(named.name() + " <- " + plant.violator().getSimpleName(),
                        () -> assertReported(named.rule(), plant)));
            }
        }
        return tests.stream();
    }

    @Test
    void wallClockRuleAcceptsTimeFromAnInjectedClock() {
        EvaluationResult result = ArchitectureRules.coreNeverReadsTheWallClock()
                .evaluate(new ClassFileImporter().importClasses(ReadsAnInjectedClock.class));
        assertFalse(result.hasViolation(), result.getFailureReport().toString());
    }

    private static void assertReported(ArchRule rule, Plant plant) {
        List<Class<?>> imported = new ArrayList<>(List.of(plant.violator()));
        imported.addAll(List.of(plant.context()));
        JavaClasses classes = new ClassFileImporter().importClasses(imported.toArray(Class<?>[]::new));

        EvaluationResult result = rule.evaluate(classes);

        assertTrue(result.hasViolation(), "planted " + plant.violator().getName() + " was not reported");
        String report = String.join("\n", result.getFailureReport().getDetails());
        assertTrue(report.contains(plant.violator().getName()),
                "the report does not name " + plant.violator().getName() + ":\n" + report);
    }
}

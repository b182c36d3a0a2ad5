package live.catwalk.bootstrap.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.List;
import java.util.stream.Stream;
import live.catwalk.bootstrap.architecture.ArchitectureRules.NamedRule;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every architecture rule holds for Catwalk's production code. */
class ArchitectureTest {

    @TestFactory
    Stream<DynamicTest> productionCodeFollowsEveryRule() {
        JavaClasses production = ProductionCode.classes();
        return ArchitectureRules.all().stream()
                .map(named -> DynamicTest.dynamicTest(named.name(), () -> named.rule().check(production)));
    }

    /** Guards against rules passing vacuously: the import must really contain each module's classes. */
    @Test
    void importSeesTheClassesOfEveryModuleWithCode() {
        JavaClasses production = ProductionCode.classes();
        for (String module : List.of("live.catwalk.core.", "live.catwalk.adapters.rest.", "live.catwalk.bootstrap.")) {
            assertTrue(production.stream().anyMatch(c -> c.getName().startsWith(module)),
                    "no class imported from " + module + "; the import option or the classpath is wrong");
        }
    }

    @Test
    void importLeavesOutCoreTestCodeEvenFromItsTestJar() throws ClassNotFoundException {
        String fakeHolder = "live.catwalk.core.health.usecase.CheckHealthServiceTest";
        Class.forName(fakeHolder); // on the classpath through core's test-jar
        assertFalse(ProductionCode.classes().stream().map(JavaClass::getName).anyMatch(fakeHolder::equals),
                fakeHolder + " was imported as production code");
    }

    @Test
    void everyRuleIsNamedOnce() {
        List<String> names = ArchitectureRules.all().stream().map(NamedRule::name).toList();
        assertTrue(names.size() == names.stream().distinct().count(), "duplicate rule names: " + names);
    }
}

package live.catwalk.core.analysis.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import live.catwalk.core.deployment.domain.ValidationProblem;
import org.junit.jupiter.api.Test;

class DeployFormTest {

    private static EnvVar v(String name, boolean required, boolean secret, String format, List<String> choices,
                            String defaultValue) {
        return new EnvVar(name, Optional.of("about " + name), required, secret, Optional.ofNullable(defaultValue),
                format, choices, Source.SERVER_JSON);
    }

    private final DeployForm form = DeployForm.of(List.of(
            v("NOTION_API_TOKEN", true, true, "text", List.of(), null),
            v("PAGE_SIZE", false, false, "number", List.of(), "50"),
            v("VERBOSE", false, false, "boolean", List.of(), null),
            v("MODE", true, false, "text", List.of("fast", "safe"), null),
            v("BASE_URL", false, false, "url", List.of(), null),
            v("lower_case", false, false, "text", List.of(), null),
            v("NODE_OPTIONS", false, false, "text", List.of(), null)),
            List.of(new Analysis.Argument("<root>", Optional.of("a directory"), Optional.of("/srv"), Source.README)));

    @Test
    void eachVariableBecomesATypedFieldAndRefusedNamesAreLeftOutWithAWarning() {
        assertEquals(List.of("NOTION_API_TOKEN", "PAGE_SIZE", "VERBOSE", "MODE", "BASE_URL"),
                form.fields().stream().map(DeployForm.Field::name).toList());
        assertEquals(List.of(DeployForm.Type.SECRET, DeployForm.Type.NUMBER, DeployForm.Type.BOOLEAN,
                DeployForm.Type.SELECT, DeployForm.Type.URL), form.fields().stream().map(DeployForm.Field::type).toList());
        assertEquals("Notion API token", form.fields().getFirst().label());
        assertEquals(Optional.of("50"), form.fields().get(1).placeholder());
        assertEquals(2, form.warnings().size(), form.warnings().toString());
        assertTrue(form.warnings().get(1).contains("NODE_OPTIONS"), form.warnings().toString());
        assertEquals("<root>", form.arguments().getFirst().placeholder());
    }

    @Test
    void checkReportsEveryProblemAtOnceByField() {
        List<ValidationProblem> problems = form.check(Map.of("PAGE_SIZE", "many", "VERBOSE", "yes", "MODE", "slow",
                "BASE_URL", "ftp://x"), List.of());
        assertEquals(List.of("env.NOTION_API_TOKEN", "env.PAGE_SIZE", "env.VERBOSE", "env.MODE", "env.BASE_URL",
                "args[0]"), problems.stream().map(ValidationProblem::field).toList());
        assertEquals("must be one of fast, safe", problems.get(3).message());
    }

    @Test
    void aCompleteFormHasNoProblemsAndExtraArgumentsAreOne() {
        Map<String, String> env = Map.of("NOTION_API_TOKEN", "secret", "MODE", "safe", "PAGE_SIZE", "10",
                "BASE_URL", "https://x.example");
        assertEquals(List.of(), form.check(env, List.of("/srv")));
        assertEquals(List.of("args"), form.check(env, List.of("/srv", "/more")).stream()
                .map(ValidationProblem::field).toList());
        assertEquals(List.of("env.NOTION_API_TOKEN"), form.check(Map.of("NOTION_API_TOKEN", "  ", "MODE", "fast"),
                List.of("/srv")).stream().map(ValidationProblem::field).toList(), "blank is missing");
    }
}

package live.catwalk.core.deployment.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import live.catwalk.core.deployment.domain.PackageRef.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A package's arguments: bounded, without control characters, appended after the package in the argv. */
class PackageArgsTest {

    private static final PackageRef FILESYSTEM = new PackageRef(Registry.NPM, "@modelcontextprotocol/server-filesystem",
            Optional.of("2026.1.14"));
    private static final PackageRef TIME = new PackageRef(Registry.PYPI, "mcp-server-time", Optional.of("2025.9.25"));

    @Test
    void npmArgumentsComeAfterThePackageBehindTheEndOfNpxOptions() {
        assertEquals(List.of("npx", "-y", "--", "@modelcontextprotocol/server-filesystem@2026.1.14", "/data", "--verbose"),
                new Launch.Package(FILESYSTEM, List.of("/data", "--verbose")).argv());
    }

    @Test
    void pypiArgumentsComeAfterTheCommandWhereUvxPassesThemToTheServer() {
        assertEquals(List.of("uvx", "--from=mcp-server-time==2025.9.25", "mcp-server-time", "--local-timezone",
                        "Europe/Paris"),
                new Launch.Package(TIME, List.of("--local-timezone", "Europe/Paris")).argv());
    }

    @Test
    void withoutArgumentsTheArgvIsThePackagesCommand() {
        assertEquals(FILESYSTEM.command(), new Launch.Package(FILESYSTEM).argv());
        assertEquals(List.of(), new Launch.Package(FILESYSTEM).args());
    }

    @Test
    void optionLikeSpacedAndShellLookingArgumentsAreAllowedAndKeptVerbatim() {
        List<String> args = List.of("--root=/srv/a b", "-x", "$(id)", "; rm -rf /", "", "'quoted'", "ünïcödé");
        assertEquals(List.of(), PackageArgs.problems(args));
        assertEquals(args, new Launch.Package(TIME, args).args());
    }

    @Test
    void atMost32ArgumentsTheTooManyAloneReported() {
        assertEquals(List.of(), PackageArgs.problems(Collections.nCopies(PackageArgs.MAX_ARGS, "a")));
        List<ValidationProblem> problems = PackageArgs.problems(Collections.nCopies(PackageArgs.MAX_ARGS + 1, "\n"));
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("package.args", problems.getFirst().field());
        assertTrue(problems.getFirst().message().contains("at most 32"), problems.toString());
    }

    @Test
    void eachArgumentAtMost1024CharactersNamedByItsIndex() {
        assertEquals(List.of(), PackageArgs.problems(List.of("x".repeat(PackageArgs.MAX_ARG_CHARS))));
        List<ValidationProblem> problems = PackageArgs.problems(List.of("a", "b", "c", "x".repeat(1025)));
        assertEquals(List.of("package.args[3]"), problems.stream().map(ValidationProblem::field).toList());
        assertTrue(problems.getFirst().message().contains("1025") && problems.getFirst().hint().isPresent());
    }

    @Test
    void theArgumentsAreBoundedInAll() {
        List<String> args = Collections.nCopies(9, "x".repeat(1000));
        List<ValidationProblem> problems = PackageArgs.problems(args);
        assertEquals(List.of("package.args"), problems.stream().map(ValidationProblem::field).toList());
        assertTrue(problems.getFirst().message().contains("9000"), problems.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "line\nbreak", "tab\there", "cr\r", "esc\u001b[31m", "del\u007f", "c1\u0085"})
    void noControlCharacters(String arg) {
        List<ValidationProblem> problems = PackageArgs.problems(List.of("/ok", arg));
        assertEquals(List.of("package.args[1]"), problems.stream().map(ValidationProblem::field).toList());
        assertTrue(problems.getFirst().message().contains("control character"), problems.toString());
        assertThrows(IllegalArgumentException.class, () -> new Launch.Package(TIME, List.of("/ok", arg)));
    }

    @Test
    void everyBadArgumentIsReportedAtOnceAndANullIsAProblem() {
        List<String> args = new ArrayList<>(List.of("ok", "bad\n", "ok"));
        args.add(null);
        args.add("x".repeat(2000));
        assertEquals(List.of("package.args[1]", "package.args[3]", "package.args[4]"),
                PackageArgs.problems(args).stream().map(ValidationProblem::field).toList());
        assertThrows(NullPointerException.class, () -> new Launch.Package(TIME, args));
    }
}

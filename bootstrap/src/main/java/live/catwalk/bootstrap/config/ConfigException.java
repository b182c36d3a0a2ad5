package live.catwalk.bootstrap.config;

import java.util.List;
import java.util.stream.Collectors;
import live.catwalk.core.shared.CatwalkException;

/** Every bad configuration variable found at start-up, each naming its variable; Main exits 2 on it. */
public final class ConfigException extends RuntimeException {

    private final List<CatwalkException> problems;

    ConfigException(List<CatwalkException> problems) {
        super(problems.stream().map(ConfigException::line).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<CatwalkException> problems() {
        return problems;
    }

    public static String line(CatwalkException problem) {
        return problem.field().orElse("?") + ": " + problem.getMessage() + problem.hint().map(h -> ". " + h).orElse("");
    }
}

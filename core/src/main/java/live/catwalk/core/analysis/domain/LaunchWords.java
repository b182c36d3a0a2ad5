package live.catwalk.core.analysis.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import live.catwalk.core.deployment.domain.PackageRef.Registry;

/** Reading a README launch's words: the package it runs with npx or uvx, and what follows that package. Pure. */
final class LaunchWords {

    /** A package a launch names, without its version. */
    record Named(Registry registry, String name) {
    }

    private static final Set<String> NPM_RUNNERS = Set.of("npx", "bunx", "pnpx");
    private static final Set<String> PYPI_RUNNERS = Set.of("uvx", "pipx");

    private LaunchWords() {
    }

    /** The package {@code launch} runs ({@code npx -y pkg@1}, {@code uvx pkg}, {@code uvx --from pkg cmd}). */
    static Optional<Named> packageOf(ReadmeFacts.Launch launch) {
        String program = launch.command().substring(launch.command().lastIndexOf('/') + 1);
        List<String> args = launch.args();
        if (NPM_RUNNERS.contains(program)) {
            return firstWord(args, 0).map(w -> new Named(Registry.NPM, npmName(w)));
        }
        if (PYPI_RUNNERS.contains(program)) {
            int from = args.indexOf("--from");
            if (from >= 0 && from + 1 < args.size()) {
                return Optional.of(new Named(Registry.PYPI, pypiName(args.get(from + 1))));
            }
            for (String a : args) {
                if (a.startsWith("--from=")) {
                    return Optional.of(new Named(Registry.PYPI, pypiName(a.substring("--from=".length()))));
                }
            }
            int start = "pipx".equals(program) && !args.isEmpty() && "run".equals(args.getFirst()) ? 1 : 0;
            return firstWord(args, start).map(w -> new Named(Registry.PYPI, pypiName(w)));
        }
        return Optional.empty();
    }

    /**
     * The positional words after {@code pkg} in {@code launch}: flags and a flag's separate value are skipped, and
     * so is everything after a {@code --}-less shell operator.
     */
    static List<String> positionalAfter(ReadmeFacts.Launch launch, String pkg) {
        List<String> args = launch.args();
        int at = -1;
        for (int i = 0; i < args.size() && at < 0; i++) {
            String a = args.get(i);
            if (a.equals(pkg) || a.startsWith(pkg + "@") || a.startsWith(pkg + "==")) {
                at = i;
            }
        }
        List<String> positional = new ArrayList<>();
        for (int i = at + 1; at >= 0 && i < args.size(); i++) {
            String a = args.get(i);
            if (Set.of("|", "&&", ";", ">", "2>&1").contains(a)) {
                break;
            }
            if (a.startsWith("-")) {
                if (a.startsWith("--") && !a.contains("=") && i + 1 < args.size() && !args.get(i + 1).startsWith("-")) {
                    i++; // the flag's value
                }
                continue;
            }
            positional.add(a);
        }
        return positional;
    }

    private static Optional<String> firstWord(List<String> args, int from) {
        return args.stream().skip(from).filter(a -> !a.startsWith("-")).findFirst();
    }

    /** {@code @scope/name@1.2.3} → {@code @scope/name}; {@code name@latest} → {@code name}. */
    static String npmName(String word) {
        int at = word.indexOf('@', word.startsWith("@") ? 1 : 0);
        return at > 0 ? word.substring(0, at) : word;
    }

    /** {@code name==1.2}, {@code name@1.2}, {@code name[extra]>=1} → {@code name}. */
    static String pypiName(String word) {
        int end = word.length();
        for (char c : new char[] {'=', '@', '[', '<', '>', '~', '!', ';'}) {
            int i = word.indexOf(c);
            if (i > 0 && i < end) {
                end = i;
            }
        }
        return word.substring(0, end).strip();
    }
}

package live.catwalk.core.analysis.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code smithery.yaml} {@code commandFunction} says, read without running it: the JavaScript is matched with
 * bounded patterns for its {@code command: '…'}, the string literals of {@code args: […]} and the entries of
 * {@code env: {NAME: config.prop || 'fallback', …}}. Anything these patterns do not fit is left out.
 */
final class CommandFunction {

    /** The longest function read (characters). */
    static final int MAX_TEXT = 16 * 1024;
    private static final int MAX_ARGS = 30;
    private static final String STRING = "'([^'\\\\\\r\\n]{0,300})'|\"([^\"\\\\\\r\\n]{0,300})\"|`([^`\\\\$]{0,300})`";
    private static final Pattern LITERAL = Pattern.compile(STRING);
    private static final Pattern WHOLE_LITERAL = Pattern.compile("^(?:" + STRING + ")$");
    private static final Pattern COMMAND = Pattern.compile("\\bcommand\\s*:\\s*(?:" + STRING + ")");
    private static final Pattern ARGS = Pattern.compile("\\bargs\\s*:\\s*\\[([^\\]]{0,4000})\\]");
    private static final Pattern ENV_KEY = Pattern.compile("\\benv\\s*:");
    private static final Pattern ENV_OBJECT = Pattern.compile("\\benv\\s*:\\s*\\{([^{}]{0,8000})\\}");
    private static final Pattern ENTRY = Pattern.compile("(?:^|,)\\s*(?:'([^'\\r\\n]{1,100})'|\"([^\"\\r\\n]{1,100})\""
            + "|([A-Za-z_$][\\w$]{0,99}))\\s*:\\s*((?:'[^'\\r\\n]{0,300}'|\"[^\"\\r\\n]{0,300}\"|`[^`]{0,300}`"
            + "|[^,'\"`]){1,300})");
    private static final Pattern CONFIG_PROPERTY = Pattern.compile(
            "\\bconfig\\s*(?:\\?\\.|\\.)\\s*([A-Za-z_$][\\w$]{0,99})"
                    + "|\\bconfig\\s*(?:\\?\\.)?\\[\\s*['\"]([^'\"\\r\\n]{1,100})['\"]\\s*\\]");
    private static final Pattern FALLBACK = Pattern.compile("\\|\\||\\?\\?|\\?(?!\\.)");
    private static final Pattern FALLBACK_LITERAL = Pattern.compile("(?:\\|\\||\\?\\?)\\s*(?:" + STRING + ")");
    private static final Pattern PLAIN_LITERAL = Pattern.compile("^(?:-?\\d{1,30}(?:\\.\\d{1,30})?|true|false)$");

    /** What the function says; {@code env} in the order written, each name once. */
    record Reading(Optional<String> command, List<String> args, List<Mapping> env, List<String> warnings) {
    }

    /**
     * One variable the server is started with: {@code name} as written (not yet checked), the config property its
     * value is read from if any, whether a fallback stands in when that property is unset, and a literal value
     * (the fallback's, or the whole value's when it reads no property).
     */
    record Mapping(String name, Optional<String> property, boolean fallsBack, Optional<String> literal) {

        /** A value given as a YAML scalar (the form without a function): a property reference or a literal. */
        static Mapping ofScalar(String name, String value) {
            Mapping read = ofExpression(name, value);
            return read.property().isPresent() ? read
                    : new Mapping(name, Optional.empty(), false, Optional.of(value).filter(v -> !v.isBlank()));
        }

        /** A value given as a JavaScript expression. */
        static Mapping ofExpression(String name, String expression) {
            String e = expression.strip();
            Matcher read = CONFIG_PROPERTY.matcher(e);
            if (read.find()) {
                String rest = e.substring(read.end());
                Matcher fallback = FALLBACK_LITERAL.matcher(rest);
                Optional<String> literal = fallback.find() ? stringOf(fallback) : Optional.empty();
                return new Mapping(name, Optional.of(read.group(1) != null ? read.group(1) : read.group(2)),
                        FALLBACK.matcher(rest).find(), literal.filter(l -> !l.isEmpty()));
            }
            Matcher whole = WHOLE_LITERAL.matcher(e);
            Optional<String> literal = whole.matches() ? stringOf(whole)
                    : Optional.of(e).filter(v -> PLAIN_LITERAL.matcher(v).matches());
            return new Mapping(name, Optional.empty(), false, literal.filter(l -> !l.isEmpty()));
        }
    }

    private CommandFunction() {
    }

    /** Reads {@code function}, cut at {@link #MAX_TEXT} characters (said in a warning). */
    static Reading read(String function, int maxVariables) {
        List<String> warnings = new ArrayList<>();
        String text = function;
        if (text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT);
            warnings.add("its commandFunction is longer than " + MAX_TEXT + " characters; the rest was not read");
        }
        Matcher command = COMMAND.matcher(text);
        Optional<String> program = command.find() ? stringOf(command).filter(c -> !c.isBlank()) : Optional.empty();
        List<String> args = new ArrayList<>();
        Matcher list = ARGS.matcher(text);
        if (list.find()) {
            Matcher arg = LITERAL.matcher(list.group(1));
            while (arg.find() && args.size() < MAX_ARGS) {
                stringOf(arg).ifPresent(args::add);
            }
            if (!LITERAL.matcher(list.group(1)).replaceAll("").replaceAll("[\\s,]", "").isEmpty()) {
                warnings.add("its commandFunction computes some args; only the literal ones were read");
            }
        }
        Map<String, Mapping> env = new LinkedHashMap<>();
        Matcher object = ENV_OBJECT.matcher(text);
        boolean anyObject = false;
        while (object.find()) {
            anyObject = true;
            Matcher entry = ENTRY.matcher(object.group(1));
            while (entry.find()) {
                String name = entry.group(1) != null ? entry.group(1)
                        : entry.group(2) != null ? entry.group(2) : entry.group(3);
                if (!env.containsKey(name) && env.size() == maxVariables) {
                    warnings.add("its commandFunction sets more than " + maxVariables
                            + " variables; the rest were not read");
                    return new Reading(program, args, List.copyOf(env.values()), warnings);
                }
                env.putIfAbsent(name, Mapping.ofExpression(name, entry.group(4)));
            }
        }
        if (!anyObject && ENV_KEY.matcher(text).find()) {
            warnings.add("its commandFunction's env is not a plain object; its variables were not read");
        }
        return new Reading(program, args, List.copyOf(env.values()), warnings);
    }

    /** The text of the string literal {@code m} matched ({@link #STRING}'s three groups, from its first group). */
    private static Optional<String> stringOf(Matcher m) {
        int first = m.groupCount() - 2;
        for (int g = first; g <= m.groupCount(); g++) {
            if (m.group(g) != null) {
                return Optional.of(ManifestJson.bounded(m.group(g)));
            }
        }
        return Optional.empty();
    }
}

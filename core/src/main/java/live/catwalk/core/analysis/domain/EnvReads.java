package live.catwalk.core.analysis.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variables a server's source reads where the read is obvious: JavaScript or TypeScript
 * {@code process.env.X}, {@code process.env["X"]} and {@code const { X, Y } = process.env}; Python
 * {@code os.environ["X"]}, {@code os.environ.get("X")} and {@code os.getenv("X")}. A literal default next to the
 * read ({@code || "v"}, {@code ?? "v"}, {@code getenv("X", "v")}, {@code environ.get("X", "v")}) is kept, and a
 * Python subscript read, which fails without the variable, marks it required. Pure; the text and the result are
 * bounded.
 */
public final class EnvReads {

    /** How much of one file is read; the rest is ignored. */
    public static final int MAX_TEXT = 512 * 1024;
    /** How many variables one file may yield. */
    public static final int MAX_VARIABLES = 100;

    /** One variable read: its name, whether the code cannot run without it, and a literal default if one is given. */
    public record Read(String name, boolean required, Optional<String> defaultValue) {

        public Read {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(defaultValue, "defaultValue");
        }
    }

    private static final String NAME = "(" + EnvVar.NAME_FORM + ")";
    private static final String LITERAL = "(?:\"([^\"\\\\\\n]{0,200})\"|'([^'\\\\\\n]{0,200})')";
    private static final Pattern JS_DOT = Pattern.compile(
            "\\bprocess\\.env(?:\\?\\.|\\.)" + NAME + "\\b(?:\\s*(?:\\|\\||\\?\\?)\\s*" + LITERAL + ")?");
    private static final Pattern JS_INDEX = Pattern.compile(
            "\\bprocess\\.env(?:\\?\\.)?\\[\\s*[\"'`]" + NAME + "[\"'`]\\s*\\](?:\\s*(?:\\|\\||\\?\\?)\\s*" + LITERAL + ")?");
    private static final Pattern JS_DESTRUCTURE = Pattern.compile(
            "\\{([^{}]{1,2000})\\}\\s*=\\s*process\\.env\\b");
    private static final Pattern PY_SUBSCRIPT = Pattern.compile("\\bos\\.environ\\[\\s*[\"']" + NAME + "[\"']\\s*\\]");
    private static final Pattern PY_GET = Pattern.compile(
            "\\b(?:os\\.environ\\.get|os\\.getenv|environ\\.get|getenv)\\(\\s*[\"']" + NAME + "[\"']\\s*(?:,\\s*"
                    + LITERAL + ")?\\s*[,)]");

    private EnvReads() {
    }

    /** The variables {@code source} reads, in order of first read; a later read may add a default or requiredness. */
    public static List<Read> in(String source) {
        String text = source.length() > MAX_TEXT ? source.substring(0, MAX_TEXT) : source;
        List<Hit> hits = new ArrayList<>();
        scan(JS_DOT.matcher(text), false, hits);
        scan(JS_INDEX.matcher(text), false, hits);
        scan(PY_SUBSCRIPT.matcher(text), true, hits);
        scan(PY_GET.matcher(text), false, hits);
        Matcher destructure = JS_DESTRUCTURE.matcher(text);
        while (destructure.find() && hits.size() < MAX_HITS) {
            for (String part : destructure.group(1).split(",")) {
                String name = part.strip().split("[\\s:=]", 2)[0];
                if (EnvVar.isName(name)) {
                    Matcher d = DESTRUCTURED_DEFAULT.matcher(part);
                    hits.add(new Hit(destructure.start(), new Read(name, false,
                            d.find() ? Optional.of(literal(d, 1)) : Optional.empty())));
                }
            }
        }
        hits.sort(Comparator.comparingInt(Hit::at));
        Map<String, Read> reads = new LinkedHashMap<>();
        for (Hit hit : hits) {
            Read read = hit.read();
            Read before = reads.get(read.name());
            if (before != null) {
                reads.put(read.name(), new Read(read.name(), before.required() || read.required(),
                        before.defaultValue().or(read::defaultValue)));
            } else if (reads.size() < MAX_VARIABLES) {
                reads.put(read.name(), read);
            }
        }
        return List.copyOf(reads.values());
    }

    private record Hit(int at, Read read) {
    }

    private static final int MAX_HITS = 10_000;
    private static final Pattern DESTRUCTURED_DEFAULT = Pattern.compile("=\\s*" + LITERAL);

    private static void scan(Matcher m, boolean required, List<Hit> hits) {
        while (m.find() && hits.size() < MAX_HITS) {
            Optional<String> dflt = m.groupCount() >= 3 && (m.group(2) != null || m.group(3) != null)
                    ? Optional.of(literal(m, 2)) : Optional.empty();
            hits.add(new Hit(m.start(), new Read(m.group(1), required, dflt)));
        }
    }

    /** The literal in groups {@code first} (double-quoted) or {@code first + 1} (single-quoted). */
    private static String literal(Matcher m, int first) {
        return m.group(first) != null ? m.group(first) : m.group(first + 1);
    }
}

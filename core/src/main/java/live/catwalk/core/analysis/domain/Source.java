package live.catwalk.core.analysis.domain;

import java.util.Locale;

/**
 * Where an answer of an analysis came from, most authoritative first: a declaration made for MCP clients, a
 * package manifest, the registry, then what people or code say, then a model. {@link #wire()} is the name the API
 * shows.
 */
public enum Source {
    SERVER_JSON("server.json", Confidence.HIGH),
    SMITHERY("smithery.yaml", Confidence.HIGH),
    PACKAGE_JSON("package.json", Confidence.HIGH),
    PYPROJECT("pyproject.toml", Confidence.HIGH),
    REGISTRY("registry", Confidence.HIGH),
    README("README", Confidence.MEDIUM),
    CODE("code", Confidence.MEDIUM),
    LLM("llm", Confidence.LOW);

    private final String wire;
    private final Confidence confidence;

    Source(String wire, Confidence confidence) {
        this.wire = wire;
        this.confidence = confidence;
    }

    /** The source's name in the API, e.g. {@code server.json}, {@code README}, {@code llm}. */
    public String wire() {
        return wire;
    }

    /** How far an answer from this source alone is trusted. */
    public Confidence confidence() {
        return confidence;
    }

    /** How far Catwalk trusts an answer: declared, read from prose or code, or guessed. */
    public enum Confidence {
        HIGH, MEDIUM, LOW;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}

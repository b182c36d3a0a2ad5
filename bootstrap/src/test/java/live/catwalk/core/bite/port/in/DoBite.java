package live.catwalk.core.bite.port.in;

// A well-formed in-port that the planted use cases implement (or fail to).
public interface DoBite {
    void bite();
}

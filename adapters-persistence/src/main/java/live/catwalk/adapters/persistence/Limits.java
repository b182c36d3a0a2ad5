package live.catwalk.adapters.persistence;

/** The page bounds the ports promise; a caller outside them has a bug. */
final class Limits {

    private Limits() {
    }

    static void check(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw new IllegalArgumentException("a limit is 1 to " + max);
        }
    }
}

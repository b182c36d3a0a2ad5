package live.catwalk.adapters.persistence;

/**
 * The embedded database's file is held by another process (H2 allows one at a time): in practice another
 * Catwalk on the same home, such as a running {@code catwalk serve}. Says where; the caller says who and what
 * to do, which it knows and this adapter does not.
 */
public final class DatabaseInUse extends IllegalStateException {

    private final String file;

    DatabaseInUse(String file, Throwable cause) {
        super("The embedded database " + file + " is open in another process (H2 lets one process at a time open it).",
                cause);
        this.file = file;
    }

    /** The database file, e.g. {@code /home/me/.catwalk/catwalk.mv.db}. */
    public String file() {
        return file;
    }
}

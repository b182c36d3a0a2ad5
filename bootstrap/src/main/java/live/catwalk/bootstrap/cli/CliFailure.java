package live.catwalk.bootstrap.cli;

/** A verb that could not do what was asked: its message (and hint) are for the person; exit code 1. */
final class CliFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CliFailure(String message) {
        super(message, null, false, false);
    }
}

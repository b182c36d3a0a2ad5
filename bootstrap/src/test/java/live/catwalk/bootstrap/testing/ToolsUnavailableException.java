package live.catwalk.bootstrap.testing;

/** The test tools could not be installed; the message says what is missing and how to get it. */
final class ToolsUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ToolsUnavailableException(String message) {
        super(message);
    }

    ToolsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

package live.catwalk.adapters.rest;

/**
 * Marks the threads that finish an MCP answer given later (a server's stdout reader, the JSON windows' ticker):
 * Grizzly goes on with a request pipelined behind that answer on the finishing thread, and that thread must not
 * run it (it could block there, reading a slow body or waiting for a server, and stall everyone the thread
 * serves). The edge hands such a request to a virtual thread of its own.
 */
public final class AnswerThreads {

    private static final ThreadLocal<Boolean> FINISHING = new ThreadLocal<>();

    private AnswerThreads() {
    }

    /** Runs {@code finish} (writing and resuming a suspended response) with this thread marked. */
    public static void finishing(Runnable finish) {
        if (FINISHING.get() != null) {
            finish.run();
            return;
        }
        FINISHING.set(Boolean.TRUE);
        try {
            finish.run();
        } finally {
            FINISHING.remove();
        }
    }

    /** Whether this thread is finishing an answer given later. */
    static boolean finishing() {
        return FINISHING.get() != null;
    }
}

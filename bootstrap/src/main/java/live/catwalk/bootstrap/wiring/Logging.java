package live.catwalk.bootstrap.wiring;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** One-line log records on stderr, at the configured level; libraries' chatter only from warnings up. */
public final class Logging {

    /**
     * Warnings the libraries print in normal operation, which would send operators looking for a fault:
     * Jersey reports the optional jakarta.activation provider as missing; Grizzly warns on every graceful
     * stop, which Catwalk already logs. Shown again at debug level. (The tests' test-logging.properties
     * drops the same.)
     */
    private static final List<String> MISLEADING = List.of(
            "org.glassfish.jersey.message.internal.MessagingBinders",
            "org.glassfish.grizzly.nio.GracefulShutdownRunner");

    /** JUL holds loggers weakly; one that is collected forgets the level set here. */
    private static final List<Logger> CONFIGURED = new ArrayList<>();

    private Logging() {
    }

    public static synchronized void configure(Level level) {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        ConsoleHandler handler = new ConsoleHandler();
        handler.setFormatter(new OneLine());
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        root.setLevel(level);

        boolean debug = level.intValue() <= Level.FINE.intValue();
        CONFIGURED.clear();
        CONFIGURED.add(root);
        // Libraries narrate every start (pool up, each migration); Catwalk logs one summary line instead.
        for (String library : List.of("org.glassfish", "org.flywaydb", "com.zaxxer.hikari", "org.jooq")) {
            set(library, debug ? level : Level.WARNING);
        }
        MISLEADING.forEach(name -> set(name, debug ? level : Level.SEVERE));
    }

    private static void set(String name, Level level) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(level);
        CONFIGURED.add(logger);
    }

    static final class OneLine extends Formatter {

        @Override
        public String format(LogRecord record) {
            var line = new StringBuilder(160)
                    .append(Instant.ofEpochMilli(record.getMillis()))
                    .append(' ').append(levelName(record.getLevel()))
                    .append(' ').append(shortName(record.getLoggerName()))
                    .append(": ").append(formatMessage(record))
                    .append(System.lineSeparator());
            if (record.getThrown() != null) {
                var trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append(trace);
            }
            return line.toString();
        }

        private static String levelName(Level level) {
            if (level.intValue() >= Level.SEVERE.intValue()) {
                return "ERROR";
            }
            if (level.intValue() >= Level.WARNING.intValue()) {
                return "WARN ";
            }
            if (level.intValue() >= Level.INFO.intValue()) {
                return "INFO ";
            }
            return "DEBUG";
        }

        private static String shortName(String loggerName) {
            return loggerName == null ? "-" : loggerName.substring(loggerName.lastIndexOf('.') + 1);
        }
    }
}

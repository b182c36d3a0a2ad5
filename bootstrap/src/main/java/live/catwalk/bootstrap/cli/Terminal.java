package live.catwalk.bootstrap.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a verb reads and writes: its output, its errors and progress, the environment, and answers to prompts —
 * typed without echo on a terminal, or read line by line from standard input when there is none (a script).
 */
record Terminal(PrintStream out, PrintStream err, Map<String, String> env, BufferedReader in, boolean console) {

    static Terminal of(PrintStream out, PrintStream err, Map<String, String> env, InputStream in) {
        return new Terminal(out, err, env, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)),
                System.console() != null && in == System.in);
    }

    /** An answer to {@code prompt}, without echo on a terminal; a failure naming {@code what} when none comes. */
    String secret(String prompt, String what) {
        if (console) {
            Console c = System.console();
            char[] typed = c.readPassword("%s", prompt);
            if (typed != null && typed.length > 0) {
                return new String(typed);
            }
        } else {
            err.print(prompt);
            err.flush();
            try {
                String line = in.readLine();
                if (line != null && !line.isBlank()) {
                    return line.strip();
                }
            } catch (IOException e) {
                throw new CliFailure("cannot read " + what + ": " + e.getMessage());
            }
        }
        throw new CliFailure(what + " is required; give it with --env " + what + "=…");
    }
}

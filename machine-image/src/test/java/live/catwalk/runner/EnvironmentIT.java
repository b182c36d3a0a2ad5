package live.catwalk.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.mcp.domain.StdioEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EnvironmentIT {

    private static final String PATH = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");

    private final ProcessSupervisor supervisor = ProcessSupervisor.builder()
            .baseEnvironment(Map.of(
                    "PATH", PATH,
                    "HOME", "/home/catwalk",
                    "LANG", "C.UTF-8",
                    "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG",
                    "DATABASE_URL", "postgres://catwalk:pw@db/catwalk",
                    "CATWALK_ADMIN_TOKEN", "cwk_secret",
                    "LD_PRELOAD", "/tmp/evil.so"))
            .backoff(Duration.ofSeconds(30), Duration.ofSeconds(30))
            .build();
    private final RecordedEvents events = new RecordedEvents();

    @AfterEach
    void closeEverything() {
        supervisor.closeAll();
    }

    @Test
    void childSeesOnlyAllowListedVariablesTheDefaultsAndItsOwn() throws InterruptedException {
        Map<String, String> env = childEnvironment(Map.of("GITHUB_TOKEN", "ghp_deployment_token"));

        assertEquals(new TreeMap<>(Map.of(
                "PATH", PATH,
                "HOME", "/home/catwalk",
                "LANG", "C.UTF-8",
                "PYTHONUNBUFFERED", "1",
                "PYTHONIOENCODING", "utf-8",
                "NO_COLOR", "1",
                "NPM_CONFIG_UPDATE_NOTIFIER", "false",
                "NPM_CONFIG_FUND", "false",
                "GITHUB_TOKEN", "ghp_deployment_token")), env);
    }

    @Test
    void theCommandsVariablesOverrideTheDefaults() throws InterruptedException {
        Map<String, String> env = childEnvironment(Map.of("NO_COLOR", "0", "HOME", "/srv/app"));

        assertEquals("0", env.get("NO_COLOR"));
        assertEquals("/srv/app", env.get("HOME"));
    }

    /** Runs {@code env} as the server and collects what it printed until it exited. */
    private Map<String, String> childEnvironment(Map<String, String> commandEnv) throws InterruptedException {
        supervisor.start(new ServerCommand(List.of("env"), commandEnv), events);
        events.skipTo(StdioEvent.Exited.class);
        Map<String, String> env = new TreeMap<>();
        for (StdioEvent event : events.all()) {
            if (event instanceof StdioEvent.Line(int generation, String text)) {
                env.put(text.substring(0, text.indexOf('=')), text.substring(text.indexOf('=') + 1));
            }
        }
        return env;
    }
}

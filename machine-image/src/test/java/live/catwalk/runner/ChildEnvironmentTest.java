package live.catwalk.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ChildEnvironmentTest {

    @Test
    void takesAllowListedVariablesOnlyThenDefaultsThenTheCommandsOwn() {
        Map<String, String> env = ChildEnvironment.of(
                Map.of("PATH", "/usr/bin", "SSL_CERT_FILE", "/etc/ca.pem", "GITHUB_TOKEN", "ghp_x", "NO_COLOR", "0"),
                Map.of("API_KEY", "k", "PYTHONUNBUFFERED", "0"));

        assertEquals("/usr/bin", env.get("PATH"));
        assertEquals("/etc/ca.pem", env.get("SSL_CERT_FILE"));
        assertFalse(env.containsKey("GITHUB_TOKEN"));
        assertEquals("1", env.get("NO_COLOR"), "only allow-listed base variables pass, even over defaults");
        assertEquals("0", env.get("PYTHONUNBUFFERED"), "the command overrides a default");
        assertEquals("k", env.get("API_KEY"));
    }

    @Test
    void refusesANameTheOsCannotTakeWithoutShowingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChildEnvironment.of(Map.of(), Map.of("A=B", "secret-value")));
        assertFalse(e.getMessage().contains("secret-value"));

        IllegalArgumentException nul = assertThrows(IllegalArgumentException.class,
                () -> ChildEnvironment.of(Map.of(), Map.of("KEY", "secret\0value")));
        assertFalse(nul.getMessage().contains("secret"));
    }
}

package live.catwalk.runner;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fixed basic set a child gets from Catwalk's own environment is an allow-list: nothing else passes. */
class ChildEnvironmentAllowListTest {

    @Test
    void nothingOfTheSupervisorsEnvironmentPassesUnlessAllowListed() {
        Map<String, String> base = new HashMap<>(System.getenv());
        for (String name : new String[] {"LD_PRELOAD", "PYTHONWARNINGS", "BROWSER", "HTTPS_PROXY", "NODE_OPTIONS",
                "GIT_SSH_COMMAND", "BASH_ENV", "SHELLOPTS", "PS4", "DATABASE_URL", "CATWALK_KEYSET", "XDG_CONFIG_HOME",
                "NPM_CONFIG_REGISTRY", "GCONV_PATH"}) {
            base.put(name, "from-the-supervisor");
        }

        Map<String, String> env = ChildEnvironment.of(base, Map.of());

        Set<String> allowed = new HashSet<>(ChildEnvironment.ALLOWED);
        allowed.addAll(ChildEnvironment.DEFAULTS.keySet());
        assertTrue(allowed.containsAll(env.keySet()), () -> "not allow-listed: " + env.keySet());
        assertTrue(env.values().stream().noneMatch("from-the-supervisor"::equals), env::toString);
    }
}

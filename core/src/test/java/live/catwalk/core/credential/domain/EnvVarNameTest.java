package live.catwalk.core.credential.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvVarNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"API_KEY", "_PRIVATE", "GITHUB_TOKEN2", "A"})
    void upperCaseNamesAreAccepted(String name) {
        assertEquals(name, new EnvVarName(name).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"api_key", "2FAST", "WITH-DASH", "", "WITH SPACE"})
    void malformedNamesAreRefusedWithTheRule(String name) {
        assertTrue(EnvVarName.problem(name).orElseThrow().contains("[A-Z_][A-Z0-9_]*"));
        assertThrows(IllegalArgumentException.class, () -> new EnvVarName(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PATH", "HOME", "LD_PRELOAD", "LD_LIBRARY_PATH", "NODE_OPTIONS", "PYTHONPATH",
            "DYLD_INSERT_LIBRARIES", "NPM_CONFIG_REGISTRY", "JAVA_TOOL_OPTIONS", "CATWALK_KEYSET"})
    void namesThatChangeHowCodeIsLoadedAreReserved(String name) {
        assertTrue(EnvVarName.problem(name).orElseThrow().contains("reserved"));
    }
}

package live.catwalk.core.analysis.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One entry per variable, the most authoritative source's answer first, the others filling its gaps. */
class EnvFindingsTest {

    private static EnvVar declared(String name, boolean required, Source source) {
        return new EnvVar(name, Optional.empty(), required, false, Optional.empty(), "text", List.of(), source);
    }

    @Test
    void aDeclarationOutranksTheReadmeAndTheReadmeFillsItsGaps() {
        EnvVar fromReadme = new EnvVar("OUTPUT_MODE", Optional.of("Where files go"), true, false,
                Optional.of("files"), "text", List.of("files", "resources", "both"), Source.README);
        EnvVar fromServerJson = declared("OUTPUT_MODE", false, Source.SERVER_JSON);

        EnvVar merged = EnvFindings.merge(List.of(fromReadme, fromServerJson)).getFirst();

        assertEquals(Source.SERVER_JSON, merged.source());
        assertFalse(merged.required(), "server.json declares it optional; the README's prose does not overrule it");
        assertEquals(Optional.of("Where files go"), merged.description());
        assertEquals(Optional.of("files"), merged.defaultValue());
        assertEquals(List.of("files", "resources", "both"), merged.choices());
    }

    @Test
    void declaredVariablesComeFirstAndEachSourceKeepsItsOrder() {
        List<EnvVar> merged = EnvFindings.merge(List.of(
                EnvVar.named("FROM_CODE", Source.CODE),
                declared("B_README", true, Source.README),
                declared("A_README", true, Source.README),
                declared("DECLARED", true, Source.SMITHERY),
                EnvVar.named("B_README", Source.CODE)));

        assertEquals(List.of("DECLARED", "B_README", "A_README", "FROM_CODE"),
                merged.stream().map(EnvVar::name).toList());
        assertEquals(Source.README, merged.get(1).source());
    }

    @Test
    void aSecretStaysSecretWhicheverSourceSaysSo() {
        EnvVar plain = new EnvVar("ENDPOINT_VALUE", Optional.empty(), true, false, Optional.empty(), "url",
                List.of(), Source.SERVER_JSON);
        EnvVar secret = new EnvVar("ENDPOINT_VALUE", Optional.empty(), false, true, Optional.empty(), "text",
                List.of(), Source.README);

        EnvVar merged = EnvFindings.merge(List.of(plain, secret)).getFirst();

        assertTrue(merged.secret());
        assertEquals("url", merged.format());
        assertThrows(IllegalArgumentException.class, () -> plain.fillGapsFrom(EnvVar.named("OTHER", Source.CODE)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"API_KEY", "LINEAR_API_KEY", "GITHUB_TOKEN", "DB_PASSWORD", "CLIENT_SECRET",
            "GOOGLE_CREDENTIALS", "NOTION_AUTH", "PRIVATE_KEY_PATH", "apikey"})
    void credentialNamesAreSecrets(String name) {
        assertTrue(EnvVar.looksSecret(name), name);
        assertTrue(EnvVar.named(name, Source.CODE).secret());
    }

    @ParameterizedTest
    @ValueSource(strings = {"LOG_LEVEL", "BASE_URL", "KEYBOARD_LAYOUT", "MONKEY", "TOKENIZER_MODEL", "PORT"})
    void otherNamesAreNot(String name) {
        assertFalse(EnvVar.looksSecret(name), name);
    }

    @Test
    void whatASourceSaysIsBounded() {
        EnvVar v = new EnvVar("X", Optional.of("  " + "d".repeat(2000) + "  "), false, false, Optional.empty(),
                "colour", java.util.stream.IntStream.range(0, 200).mapToObj(i -> "c" + (i % 120)).toList(),
                Source.LLM);

        assertEquals(500, v.description().orElseThrow().length());
        assertEquals("text", v.format(), "an unknown format reads as text");
        assertEquals(50, v.choices().size());
        assertThrows(IllegalArgumentException.class, () -> EnvVar.named("1BAD", Source.CODE));
        assertThrows(IllegalArgumentException.class, () -> EnvVar.named("A-B", Source.CODE));
    }
}

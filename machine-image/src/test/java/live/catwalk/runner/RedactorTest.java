package live.catwalk.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void masksEverySecretOfFourCharactersOrMore() {
        Redactor redactor = Redactor.of(List.of("hunter2", "abcd", "abc", "1"));

        assertEquals("login *** with *** and abc, 1 retry, ***",
                redactor.redact("login hunter2 with abcd and abc, 1 retry, hunter2"));
    }

    @Test
    void masksTheLongerOfTwoOverlappingSecretsWhole() {
        Redactor redactor = Redactor.of(List.of("token", "token-with-suffix"));

        assertEquals("a *** b ***", redactor.redact("a token-with-suffix b token"));
    }

    @Test
    void masksEachLineOfAMultiLineSecret() {
        Redactor redactor = Redactor.of(List.of("-----BEGIN KEY-----\nMIIEvQIBADANBg\n-----END KEY-----"));

        assertEquals("key: ***", redactor.redact("key: MIIEvQIBADANBg"));
    }

    @Test
    void masksTheBeginningOfASecretAtTheEndOfCutText() {
        Redactor redactor = Redactor.of(List.of("sk-live-0123456789"));

        assertEquals("auth with ***", redactor.redactCut("auth with sk-live-01"));
        assertEquals("auth with sk-", redactor.redactCut("auth with sk-"));
    }

    @Test
    void leavesTextAloneWithoutSecrets() {
        assertEquals("nothing to hide", Redactor.of(List.of()).redact("nothing to hide"));
    }
}

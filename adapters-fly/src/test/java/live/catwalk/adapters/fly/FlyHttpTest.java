package live.catwalk.adapters.fly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FlyHttpTest {

    @ParameterizedTest
    @CsvSource(textBlock = """
            FlyV1 fm2_a, FlyV1 fm2_a
            fm1a_b, FlyV1 fm1a_b
            fm1r_c, FlyV1 fm1r_c
            '  Bearer tok ', Bearer tok
            tok, Bearer tok
            """)
    void aTokenBecomesItsHeader(String token, String header) {
        assertEquals(header, FlyHttp.authorization(token));
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            ''
            'Bearer '
            """)
    void anEmptyTokenIsRefused(String token) {
        assertThrows(IllegalArgumentException.class, () -> FlyHttp.authorization(token));
        assertThrows(IllegalArgumentException.class, () -> FlyHttp.authorization("tok\r\nX-Injected: 1"));
    }
}

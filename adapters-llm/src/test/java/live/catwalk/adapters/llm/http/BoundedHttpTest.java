package live.catwalk.adapters.llm.http;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BoundedHttpTest {

    @Test
    void aClientThatFollowsRedirectsItselfIsRefusedForItWouldLeaveTheHost() {
        for (HttpClient.Redirect policy : new HttpClient.Redirect[] {HttpClient.Redirect.NORMAL,
                HttpClient.Redirect.ALWAYS}) {
            try (HttpClient following = HttpClient.newBuilder().followRedirects(policy).build()) {
                assertThrows(IllegalArgumentException.class,
                        () -> new BoundedHttp(following, Duration.ofSeconds(1), 1024));
            }
        }
        try (HttpClient never = HttpClient.newHttpClient()) {
            new BoundedHttp(never, Duration.ofSeconds(1), 1024);
        }
    }
}

package live.catwalk.adapters.rest.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dashboard's page, {@code index.html}, at {@code /} and at each of the app's own routes (so a deep link or a
 * reload works), with a Content-Security-Policy that allows its inline import map by hash and nothing else inline.
 * It needs no credentials: the app signs in through {@code /api/session}.
 */
@Path("/")
public final class IndexResource {

    private static final Pattern IMPORT_MAP = Pattern.compile(
            "<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL);

    private final byte[] page;
    private final Map<String, String> headers;

    public IndexResource() {
        String html = read(WebUi.ROOT + "index.html");
        Matcher m = IMPORT_MAP.matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("index.html has no import map");
        }
        this.page = html.getBytes(StandardCharsets.UTF_8);
        this.headers = SecurityHeaders.forPage(sha256(m.group(1)));
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response root() {
        return page();
    }

    @GET
    @Path("{route: sign-in|new|settings|deployments/[A-Za-z0-9_-]{1,64}}")
    @Produces(MediaType.TEXT_HTML)
    public Response route() {
        return page();
    }

    private Response page() {
        Response.ResponseBuilder ok = Response.ok(page, MediaType.TEXT_HTML_TYPE.withCharset("utf-8"));
        headers.forEach(ok::header);
        return ok.build();
    }

    /** The base64 SHA-256 of a script's text, as CSP names an allowed inline script. */
    static String sha256(String script) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static String read(String resource) {
        try (InputStream in = IndexResource.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(resource + " is unreadable", e);
        }
    }
}

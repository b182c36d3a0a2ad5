package live.catwalk.adapters.rest.web;

import java.util.List;
import org.glassfish.grizzly.http.server.CLStaticHttpHandler;
import org.glassfish.grizzly.http.server.HttpHandlerRegistration;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.http.server.ServerConfiguration;

/**
 * The dashboard's static files, served by Grizzly from the classpath: the app's own modules and styles under
 * {@code /app} (revalidated on every load) and exactly two libraries from their Maven Central jars, Preact under
 * {@code /webjars/preact} and htm under {@code /_static/htm} (versioned paths, so cached for a year). Nothing else
 * on the classpath is reachable. The page itself is {@link IndexResource}'s.
 */
public final class WebUi {

    /** Where the dashboard's files are on the classpath. */
    static final String ROOT = "catwalk-web/";

    private WebUi() {
    }

    /** Adds the static handlers to a server's configuration. */
    public static void register(ServerConfiguration config) {
        ClassLoader loader = WebUi.class.getClassLoader();
        for (Mount m : MOUNTS) {
            config.addHttpHandler(new Files(loader, m.classpath(), m.cacheControl()),
                    HttpHandlerRegistration.builder().contextPath(m.path()).urlPattern("/*").build());
        }
    }

    private record Mount(String path, String classpath, String cacheControl) {
    }

    private static final String IMMUTABLE = "public, max-age=31536000, immutable";
    private static final List<Mount> MOUNTS = List.of(
            new Mount("/app", ROOT + "app/", "no-cache"),
            new Mount("/webjars/preact", "META-INF/resources/webjars/preact/", IMMUTABLE),
            new Mount("/_static/htm", "META-INF/resources/_static/htm/", IMMUTABLE));

    /** A classpath folder served read-only, with the headers every dashboard file gets. */
    private static final class Files extends CLStaticHttpHandler {

        private final String cacheControl;

        Files(ClassLoader loader, String root, String cacheControl) {
            super(loader, root);
            this.cacheControl = cacheControl;
            setFileCacheEnabled(false);
        }

        @Override
        public void service(Request request, Response response) throws Exception {
            if (!"GET".equals(request.getMethod().getMethodString())) {
                response.setHeader("Allow", "GET");
                response.sendError(405);
                return;
            }
            SecurityHeaders.FOR_FILES.forEach(response::setHeader);
            response.setHeader("Cache-Control", cacheControl);
            super.service(request, response);
        }
    }
}

package live.catwalk.adapters.rest.oauth;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/**
 * The authorization server's own pages (consent, errors): server-made HTML with every value escaped, the dashboard's
 * stylesheet, no script at all, and a policy that forbids framing and any other origin but the one a form's answer
 * is sent on to.
 */
final class Html {

    private Html() {
    }

    /** {@code text} safe inside HTML text and double-quoted attributes. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(Character.isISOControl(c) && c != '\n' ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }

    /**
     * A whole page with {@code body} (already HTML) under the heading {@code title}, answered with {@code status}. A
     * form on it may post here and have its answer redirected to the origins of {@code formTargets}.
     */
    static Response page(int status, String title, String body, List<URI> formTargets) {
        String formAction = "'self'" + formTargets.stream().map(u -> " " + origin(u)).distinct()
                .collect(java.util.stream.Collectors.joining());
        String html = """
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="color-scheme" content="light dark">
                <title>%s · Catwalk</title>
                <link rel="stylesheet" href="/app/app.css">
                </head>
                <body>
                <main id="main" class="center">
                <section class="card sign-in" aria-labelledby="title">
                <div class="brand big">Catwalk</div>
                <h1 id="title">%s</h1>
                %s
                </section>
                </main>
                </body>
                </html>
                """.formatted(escape(title), escape(title), body);
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).entity(html)
                .header("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; "
                        + "form-action " + formAction + "; frame-ancestors 'none'; base-uri 'none'")
                .header("X-Frame-Options", "DENY")
                .header("Cache-Control", "no-store")
                .build();
    }

    /** {@code scheme://host[:port]} of an absolute URI. */
    static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority().replaceAll("^.*@", "");
    }
}

package live.catwalk.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.ColorScheme;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium, headless, driven by Playwright's Java driver (which is told not to download a browser of its
 * own). Missing Chromium skips the browser tests loudly, and fails them under {@code CI=true}. Each page a test opens
 * records what the browser reported (script errors, refused resources, CSP violations), and screenshots go to
 * {@code target/screenshots}.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** axe's rule sets checked on every page: WCAG 2.0 and 2.1, levels A and AA. */
    private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser browser;

    private Browser(Playwright playwright, com.microsoft.playwright.Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** Starts Chromium ({@code $CATWALK_CHROMIUM}, or {@code /usr/bin/chromium}). */
    static Browser launch() {
        Path chromium = Path.of(System.getenv().getOrDefault("CATWALK_CHROMIUM", "/usr/bin/chromium"));
        if (!Files.isExecutable(chromium)) {
            String why = chromium + " is not installed";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why + ". CI=true, so the browser tests must run: apt-get install chromium.");
            }
            System.err.println("""

                    ************************************************************************
                    *  SKIPPING the dashboard's browser tests: %s
                    *  (apt-get install chromium; they fail instead when CI=true.)
                    ************************************************************************
                    """.formatted(why));
            Assumptions.abort(why);
        }
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            // Without these, Chromium keeps calling Google's hosts, which this network refuses.
            return new Browser(playwright, playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(chromium)
                    .setArgs(List.of("--disable-background-networking", "--disable-component-update",
                            "--no-first-run", "--disable-sync", "--disable-gpu", "--disable-quic"))));
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /**
     * A fresh browser profile on {@code base} (clipboard allowed) at this width, in this colour scheme; when it
     * closes, the page as it was is saved as {@code <name>-last.png} (where a failing test stopped).
     */
    Tab open(String name, URI base, int width, ColorScheme scheme) {
        BrowserContext context = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setBaseURL(base.toString()).setViewportSize(width, 900).setColorScheme(scheme));
        String origin = base.getScheme() + "://" + base.getAuthority();
        context.grantPermissions(List.of("clipboard-read", "clipboard-write"),
                new BrowserContext.GrantPermissionsOptions().setOrigin(origin));
        Page page = context.newPage();
        List<String> reported = Collections.synchronizedList(new ArrayList<>());
        page.onConsoleMessage(m -> {
            if ("error".equals(m.type()) || "warning".equals(m.type())) {
                reported.add(m.type() + ": " + m.text());
            }
        });
        page.onPageError(e -> reported.add("uncaught: " + e));
        return new Tab(name, context, page, reported);
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            playwright.close();
        }
    }

    /** One page in its own profile, and what the browser reported about it. */
    record Tab(String name, BrowserContext context, Page page, List<String> reported) implements AutoCloseable {

        /** Saves a screenshot of the whole page as {@code target/screenshots/<name>.png}. */
        void screenshot(String name) {
            try {
                Files.createDirectories(SCREENSHOTS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // At the top, so that the sticky header is where it belongs in a whole-page picture.
            page.evaluate("window.scrollTo(0, 0)");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
        }

        /** Checks the page as it is now against axe's WCAG 2.1 A and AA rules; names each violation and where. */
        void assertAccessible(String what) {
            AxeResults results = new AxeBuilder(page).withTags(WCAG).analyze();
            List<Rule> violations = results.getViolations();
            assertEquals(List.of(), violations.stream().map(r -> r.getId() + " (" + r.getHelp() + ") at "
                    + r.getNodes().stream().map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
                    .toList(), what + ": axe found accessibility violations");
        }

        /**
         * Nothing went wrong in the page: no script error, no CSP refusal, no failed load but the HTTP answers a
         * test provoked on purpose (an API's 4xx, which Chromium reports as a failed resource).
         */
        void assertNothingReported(String... expectedStatuses) {
            List<String> unexpected = new ArrayList<>();
            synchronized (reported) {
                for (String r : reported) {
                    boolean expected = false;
                    for (String status : expectedStatuses) {
                        expected |= r.contains("the server responded with a status of " + status);
                    }
                    if (!expected) {
                        unexpected.add(r);
                    }
                }
            }
            assertEquals(List.of(), unexpected, "what the browser reported");
        }

        @Override
        public void close() {
            try {
                screenshot(name + "-last");
            } catch (RuntimeException e) {
                System.err.println("no last screenshot of " + name + ": " + e.getMessage());
            } finally {
                context.close();
            }
        }
    }
}

package gradlab.view;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The addresses of the scripts and styles a page loads: ours under /static, the libraries
 * from their WebJars at the versions the pom ships (read from a resource Maven fills in).
 */
public final class Assets {
    private static final Properties VERSIONS = load();

    public static final String VERSION = VERSIONS.getProperty("gradlab");
    public static final String HTMX = "/webjars/htmx.org/" + VERSIONS.getProperty("htmx") + "/dist/htmx.min.js";
    public static final String HTMX_SSE = "/webjars/htmx-ext-sse/" + VERSIONS.getProperty("htmx-sse") + "/sse.js";
    public static final String KATEX = "/webjars/katex/" + VERSIONS.getProperty("katex") + "/dist/";
    public static final String STYLESHEET = "/static/gradlab.css";
    public static final String SCRIPT = "/static/gradlab.js";
    public static final String ICON = "/static/favicon.svg";
    public static final String MATH = "/static/math.js";

    private Assets() {
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Assets.class.getResourceAsStream("/gradlab/versions.properties")) {
            if (in == null) {
                throw new IOException("gradlab/versions.properties is missing from the jar");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}

package gradlab.web;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One person at a class, as their browser is to the server: their own cookies, POSTs that carry
 * the page's own Origin (as a browser's do), redirects not followed (a test looks at them), and
 * the class's event streams opened with their cookies.
 */
final class ClassPerson {
    private final int port;
    private final String base;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;

    ClassPerson(int port) {
        this.port = port;
        this.base = "http://127.0.0.1:" + port;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    String base() {
        return base;
    }

    HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            r.header(headers[i], headers[i + 1]);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A form POST with the page's own Origin. */
    HttpResponse<String> post(String path, String... fields) throws IOException, InterruptedException {
        return postWith(path, List.of("Origin", base), fields);
    }

    /** A form POST with these headers (name, value, …) and no others of a browser's. */
    HttpResponse<String> postWith(String path, List<String> headers, String... fields)
            throws IOException, InterruptedException {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            pairs.add(URLEncoder.encode(fields[i], UTF_8) + "=" + URLEncoder.encode(fields[i + 1], UTF_8));
        }
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs)));
        for (int i = 0; i + 1 < headers.size(); i += 2) {
            r.header(headers.get(i), headers.get(i + 1));
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** This person's cookies for a path, as the Cookie header line a browser would send. */
    String cookieLine(String path) {
        List<HttpCookie> mine = cookies.getCookieStore().get(URI.create(base + path));
        String value = mine.stream().filter(c -> path.startsWith(c.getPath() == null ? "/" : c.getPath()))
                .map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
        return "Cookie: " + value;
    }

    /** The value of one of this person's cookies, or null. */
    String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    /** An event stream of the server, opened with this person's cookies. */
    StreamLog listen(String path) throws IOException {
        return StreamLog.sse(port, path, cookieLine(path));
    }
}

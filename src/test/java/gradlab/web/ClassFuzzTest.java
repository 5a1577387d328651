package gradlab.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import gradlab.config.Settings;

/**
 * Odd requests against a class's routes, on raw sockets: odd codes in the path, odd form
 * values, odd cookies, Origin, Referer and X-Forwarded-For headers, wrong methods (the streams
 * themselves are ClassFlowTest's). Whatever comes in, the answer is never a 5xx, never shows a
 * stack trace or one of our class names, and never echoes markup unescaped. Seeded; a failure
 * names the request.
 */
class ClassFuzzTest {
    private static final long SEED = Long.getLong("gradlab.fuzz.seed", 20_261_202L);
    private static final int REQUESTS = 600;
    private static final Pattern LEAK = Pattern.compile(
            "Exception|\tat |gradlab\\.(?!css\\b|js\\b)[A-Za-z]|java\\.(lang|util|io)\\.|org\\.eclipse\\.jetty|io\\.javalin");
    private static final Pattern INJECTED_MARKUP = Pattern.compile("<script>alert|<svg onload|<img src=x", Pattern.CASE_INSENSITIVE);
    private static final List<String> ODD = List.of("", " ", "-1", "1e309", "NaN", "Infinity", "0x10", "1_000", "é", "😀",
            "\u0000", "\uFEFF1", "<script>alert(1)</script>", "\"><svg onload=alert(1)>", "<img src=x onerror=alert(1)>",
            "../../etc/passwd", "%00", "\r\nX-Injected: 1", "${jndi:ldap://example.invalid/a}", "a&b=c", "null",
            "http://evil.example", "abcdef", "ABCDEF", "abc0ef", "2222222", "x".repeat(5000), "intro,,intro", ",",
            "mean-error.angleDegrees", "90", "1,2", "http://[::1", "://");

    @Test
    void oddRequestsToAClassGetNoServerErrorAndLeakNothing() throws Exception {
        Server server = Server.create(Settings.defaults().withPort(0).withRuns(1, 10).with(b -> b.trustedProxies =
                List.of("127.0.0.1")), ClassFlowTest.LESSONS).start(0);
        try {
            ClassPerson teacher = new ClassPerson(server.port());
            String code = ClassFlowTest.start(teacher, "intro,f1-covariance");
            ClassPerson student = new ClassPerson(server.port());
            student.post("/join", "code", code);
            String cookies = student.cookieLine("/class/" + code) + "; " + teacher.cookieLine("/class/" + code)
                    .substring("Cookie: ".length());
            Random r = new Random(SEED);
            List<String> failures = new ArrayList<>();
            Set<String> statuses = new TreeSet<>();
            for (int i = 0; i < REQUESTS; i++) {
                String c = r.nextInt(3) == 0 ? code : r.nextBoolean() ? code.toLowerCase(java.util.Locale.ROOT) : pathPart(r);
                String[] routes = {"/class", "/join", "/class/" + c, "/class/" + c + "/events", "/class/" + c + "/predict",
                        "/class/" + c + "/teach", "/class/" + c + "/teach/events", "/class/" + c + "/reveal",
                        "/class/" + c + "/next", "/class/" + c + "/predictions.csv"};
                String route = routes[r.nextInt(routes.length)];
                String method = List.of("GET", "POST", "HEAD", "PUT", "DELETE").get(r.nextInt(r.nextInt(4) == 0 ? 5 : 2));
                List<String> headers = new ArrayList<>();
                if (r.nextBoolean()) {
                    headers.add(r.nextInt(4) == 0 ? "Cookie: gl_key_" + c + "=" + pathPart(r) : cookies);
                }
                if (r.nextInt(3) == 0) {
                    headers.add((r.nextBoolean() ? "Origin: " : "Referer: ") + headerValue(r));
                }
                if (r.nextInt(4) == 0) {
                    headers.add("X-Forwarded-For: " + headerValue(r));
                }
                if (r.nextInt(4) == 0) {
                    headers.add("X-Forwarded-Proto: " + headerValue(r));
                }
                if (r.nextInt(4) == 0) {
                    headers.add("HX-Request: true");
                }
                // no Accept: text/event-stream, so a stream never opens (its heartbeat would keep the read going)
                String target = route + (r.nextInt(5) == 0 ? "?key=" + URLEncoder.encode(pick(r), UTF_8) : "");
                byte[] body = null;
                if (method.equals("POST")) {
                    String field = List.of("code", "lessons", "question", "value", "lesson", pick(r)).get(r.nextInt(6));
                    body = (URLEncoder.encode(field, UTF_8) + "=" + URLEncoder.encode(pick(r), UTF_8)
                            + (r.nextBoolean() ? "&value=" + URLEncoder.encode(pick(r), UTF_8) + "&question="
                            + URLEncoder.encode(pick(r), UTF_8) : "")).getBytes(UTF_8);
                    headers.add("Content-Type: application/x-www-form-urlencoded");
                }
                String what = "#" + i + " " + method + " " + target + " " + headers;
                RawHttp.Response res = RawHttp.send(server.port(), RawHttp.request(method, target, headers, body), 10_000);
                statuses.add(method + " " + shape(route, c) + " " + res.status());
                String text = res.text();
                if (res.status() >= 500) {
                    failures.add(what + " → " + res.status() + ": " + text.substring(0, Math.min(200, text.length())));
                } else if (LEAK.matcher(text).find()) {
                    failures.add(what + " → leaks: " + text.substring(0, Math.min(300, text.length())));
                } else if (INJECTED_MARKUP.matcher(text).find()) {
                    failures.add(what + " → echoes markup");
                }
            }
            assertTrue(failures.isEmpty(), failures.size() + " of " + REQUESTS + " failed (seed " + SEED + "):\n"
                    + String.join("\n", failures.stream().limit(10).toList()));
            System.out.println("ClassFuzzTest: " + statuses);
        } finally {
            server.stop();
        }
    }

    /** The route with its code written {code}, for the summary of statuses. */
    private static String shape(String route, String code) {
        return code.isEmpty() ? route : route.replace("/" + code, "/{code}");
    }

    private static String pick(Random r) {
        return ODD.get(r.nextInt(ODD.size()));
    }

    /** A path segment: an odd value, escaped as a browser would, or raw where it is plain. */
    private static String pathPart(Random r) {
        String v = pick(r);
        return v.matches("[A-Za-z0-9._-]+") ? v : URLEncoder.encode(v, UTF_8).replace("+", "%20");
    }

    /** A header's value: no line breaks, which would make another header. */
    private static String headerValue(Random r) {
        return pick(r).replaceAll("[\\r\\n\\u0000]", "").replaceAll("[^\\x20-\\x7e]", "?");
    }
}

package gradlab.tools;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One simulated browser's cookies for one server: what its answers set, sent back on the
 * requests whose path lies under the cookie's Path, as a browser does. Enough for a server on
 * this machine over plain HTTP (no domains, no expiry but removal by Max-Age=0).
 */
final class CookieJar {
    private record Cookie(String value, String path) {
    }

    private final Map<String, Cookie> cookies = new LinkedHashMap<>();

    /** Keeps what the answer's Set-Cookie headers set. */
    synchronized void take(HttpResponse<?> response) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            String[] parts = header.split(";");
            int eq = parts[0].indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = parts[0].substring(0, eq).strip();
            String value = parts[0].substring(eq + 1).strip();
            String path = "/";
            boolean removed = false;
            for (int i = 1; i < parts.length; i++) {
                String attribute = parts[i].strip();
                String lower = attribute.toLowerCase(Locale.ROOT);
                if (lower.startsWith("path=")) {
                    path = attribute.substring(5);
                } else if (lower.equals("max-age=0")) {
                    removed = true;
                }
            }
            if (removed) {
                cookies.remove(name);
            } else {
                cookies.put(name, new Cookie(value, path));
            }
        }
    }

    /** The request with the cookies its path should carry, if any. */
    synchronized HttpRequest.Builder onto(HttpRequest.Builder request, URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String header = cookies.entrySet().stream()
                .filter(c -> under(path, c.getValue().path()))
                .map(c -> c.getKey() + "=" + c.getValue().value())
                .collect(Collectors.joining("; "));
        return header.isEmpty() ? request : request.header("Cookie", header);
    }

    /** The value of a cookie whose name begins so, or null. */
    synchronized String valueStartingWith(String prefix) {
        return cookies.entrySet().stream().filter(c -> c.getKey().startsWith(prefix))
                .map(c -> c.getValue().value()).findFirst().orElse(null);
    }

    /** RFC 6265's path-match: the same path, or one below it. */
    private static boolean under(String path, String cookiePath) {
        return path.equals(cookiePath)
                || path.startsWith(cookiePath) && (cookiePath.endsWith("/") || path.charAt(cookiePath.length()) == '/');
    }
}

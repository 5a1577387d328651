package gradlab.lab;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A URL query string ({@code a=1&b=x%2Cy}): names decoded at once (an empty, malformed or
 * repeated name is refused), values decoded when they are read, so that errors come in
 * the order the caller reads the parameters.
 */
final class Query {
    private final Map<String, String> raw;

    private Query(Map<String, String> raw) {
        this.raw = raw;
    }

    static Query parse(String query) {
        Map<String, String> raw = new LinkedHashMap<>();
        String q = query == null ? "" : query;
        if (q.startsWith("?")) {
            q = q.substring(1);
        }
        for (String pair : q.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), "query", "a parameter name");
            if (name.isEmpty()) {
                throw new ValidationException("query", "a parameter has no name (\"" + LabSpec.shown(pair)
                        + "\"); write name=value");
            }
            if (raw.containsKey(name)) {
                throw new ValidationException(name, LabSpec.shown(name) + " is given twice; give each parameter once");
            }
            raw.put(name, eq < 0 ? "" : pair.substring(eq + 1));
        }
        return new Query(raw);
    }

    Set<String> names() {
        return raw.keySet();
    }

    boolean has(String name) {
        return raw.containsKey(name);
    }

    /** The decoded value of a parameter, or the fallback when it is absent. */
    String get(String name, String fallback) {
        String value = raw.get(name);
        return value == null ? fallback : decode(value, name, name);
    }

    /** Percent-decoding as in a URL's query ('+' is a space); the param names the error. */
    private static String decode(String s, String param, String what) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(param, what + " has a malformed %-escape; write % as %25");
        }
    }
}

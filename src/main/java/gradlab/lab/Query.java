package gradlab.lab;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A URL query string ({@code a=1&b=x%2Cy}) decoded into an ordered map of names to values.
 * A name given twice, or a malformed escape, is refused.
 */
final class Query {
    private Query() {
    }

    static Map<String, String> parse(String query) {
        Map<String, String> values = new LinkedHashMap<>();
        String q = query == null ? "" : query.strip();
        if (q.startsWith("?")) {
            q = q.substring(1);
        }
        if (q.isEmpty()) {
            return values;
        }
        for (String pair : q.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), null);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), name);
            if (values.containsKey(name)) {
                throw new ValidationException(name, name + " is given twice; give each parameter once");
            }
            values.put(name, value);
        }
        return values;
    }

    /** Percent-decoding as in a URL's query ('+' is a space); the param names the error. */
    static String decode(String s, String param) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            String where = param == null ? "a parameter name" : param;
            throw new ValidationException(param == null ? "query" : param,
                    where + " has a malformed %-escape; write % as %25");
        }
    }
}

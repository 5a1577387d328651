package gradlab.lab;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A URL query string ({@code a=1&b=x%2Cy}), read and written by the same code. Names are
 * decoded at once (an empty, malformed or repeated name is refused); values are decoded when
 * they are read, so that errors come in the order the caller reads the parameters.
 */
public final class Query {
    private final Map<String, String> raw;

    private Query(Map<String, String> raw) {
        this.raw = raw;
    }

    public static Query parse(String query) {
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

    /** The same query without the named parameters (which belong to another reader). */
    public Query without(Collection<String> names) {
        Map<String, String> rest = new LinkedHashMap<>(raw);
        rest.keySet().removeAll(names);
        return new Query(rest);
    }

    /** The same query with one parameter set to a value (added at the end when it was absent). */
    public Query with(String name, String value) {
        Map<String, String> next = new LinkedHashMap<>(raw);
        next.put(name, encode(value));
        return new Query(next);
    }

    Set<String> names() {
        return raw.keySet();
    }

    /** The decoded value of a parameter, or its default when it is absent. */
    String get(Param p) {
        String value = raw.get(p.id());
        return value == null ? p.fallback() : decode(value, p.id(), p.id());
    }

    /** The decoded value of a parameter that is not the lab's, or null when it is absent. */
    public String get(String name) {
        String value = raw.get(name);
        return value == null ? null : decode(value, name, name);
    }

    /** name=value pairs in the given order, every value percent-encoded as a URL's query. */
    public static String write(Map<Param, String> values) {
        return values.entrySet().stream().map(e -> e.getKey().id() + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** The lab's values, then other parameters (a view's own, such as the landscape's axes), in order. */
    public static String write(Map<Param, String> values, Map<String, String> more) {
        String lab = write(values);
        String rest = new TreeMap<>(more).entrySet().stream().map(e -> e.getKey() + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return rest.isEmpty() ? lab : lab.isEmpty() ? rest : lab + "&" + rest;
    }

    /** Values joined by commas, as the list parameters (hidden, micro, naive) write them. */
    static String list(List<?> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
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

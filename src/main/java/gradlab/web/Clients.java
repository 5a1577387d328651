package gradlab.web;

import java.util.regex.Pattern;

import io.javalin.http.Context;

/**
 * Who is asking, for per-client quotas: the browser's client cookie, else (a script without
 * cookies, or a browser's very first request) the address the request came from. Anonymous:
 * the cookie is a random name that carries nothing else.
 */
final class Clients {
    /** The request attribute that holds a client name given out on this very request. */
    static final String NEW_CLIENT = "gradlab.newClient";
    private static final Pattern NAME = Pattern.compile("[0-9a-f]{1,16}");

    private Clients() {
    }

    /** The name quotas count this request under: {@code c:<cookie>} or {@code a:<address>}. */
    static String of(Context ctx) {
        String cookie = ctx.cookie(Headers.CLIENT_COOKIE);
        if (cookie == null) {
            cookie = ctx.attribute(NEW_CLIENT);
        }
        if (cookie != null && NAME.matcher(cookie).matches()) {
            return "c:" + cookie;
        }
        return "a:" + ctx.ip();
    }
}

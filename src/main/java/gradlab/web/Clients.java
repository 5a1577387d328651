package gradlab.web;

import java.util.regex.Pattern;

import io.javalin.http.Context;

/**
 * Who is asking, for per-client quotas: the browser's client cookie, else (a script without
 * cookies, or a browser's very first request) the address the request came from. Anonymous:
 * the cookie is a random name that carries nothing else. A request without the cookie is
 * never counted under the name this very answer gives out: a script that drops cookies would
 * otherwise be a new client on every request, and no quota would ever hold it.
 */
final class Clients {
    private static final Pattern NAME = Pattern.compile("[0-9a-f]{1,16}");

    private Clients() {
    }

    /** The name quotas count this request under: {@code c:<cookie>} or {@code a:<address>}. */
    static String of(Context ctx) {
        String cookie = ctx.cookie(Headers.CLIENT_COOKIE);
        if (cookie != null && NAME.matcher(cookie).matches()) {
            return "c:" + cookie;
        }
        return "a:" + ctx.ip();
    }
}

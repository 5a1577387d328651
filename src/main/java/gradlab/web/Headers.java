package gradlab.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;

import gradlab.config.Settings;

/**
 * The security headers of every response, set before the handler runs (an SSE response is
 * committed before an after-handler could add them), and the client cookie.
 */
final class Headers {
    /** The client cookie's name; the nginx sample balances by it. */
    static final String CLIENT_COOKIE = "gradlab_client";
    /** The client cookie lasts a day. */
    private static final int COOKIE_SECONDS = 86_400;
    private final java.security.SecureRandom random = new java.security.SecureRandom();

    private final String csp;

    Headers(Settings settings) {
        this.csp = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
                + "form-action 'self'; frame-ancestors " + settings.frameAncestors();
    }

    /** The security headers on an answer Jetty writes itself. */
    void secure(org.eclipse.jetty.http.HttpFields.Mutable fields) {
        fields.put("Content-Security-Policy", csp);
        fields.put("X-Content-Type-Options", "nosniff");
        fields.put("Referrer-Policy", "same-origin");
    }

    void secure(Context ctx) {
        ctx.header("Content-Security-Policy", csp);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
        if (ctx.cookie(CLIENT_COOKIE) == null) {
            // a random name for this browser, so that a proxy balancing by it keeps the browser on
            // the instance that holds its uploads; it carries nothing else
            String name = Long.toHexString(random.nextLong());
            ctx.cookie(new Cookie(CLIENT_COOKIE, name, "/", COOKIE_SECONDS, false, true, null, SameSite.LAX));
        }
    }
}

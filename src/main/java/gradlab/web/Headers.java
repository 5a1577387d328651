package gradlab.web;

import io.javalin.http.Context;

/**
 * The security headers of every response, set before the handler runs (an SSE response is
 * committed before an after-handler could add them).
 */
final class Headers {
    private final String csp;

    Headers(Settings settings) {
        this.csp = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
                + "form-action 'self'; frame-ancestors " + settings.frameAncestors();
    }

    void secure(Context ctx) {
        ctx.header("Content-Security-Policy", csp);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
    }
}

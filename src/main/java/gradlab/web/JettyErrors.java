package gradlab.web;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answers Jetty gives itself, before a request reaches the routes (a malformed path, a
 * request line or headers too long): with the same security headers as every other
 * response, and never a stack trace.
 */
final class JettyErrors extends ErrorHandler {
    private final Headers headers;

    JettyErrors(Headers headers) {
        this.headers = headers;
        setShowStacks(false);
        setShowMessageInTitle(false);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        headers.secure(response.getHeaders());
        return super.handle(request, response, callback);
    }
}

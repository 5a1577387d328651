package gradlab.web;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.Part;

import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.ee10.servlet.ServletMultiPartFormData;

/**
 * A multipart form body that must arrive within a deadline. Jetty parses the body as its bytes
 * come, with no thread waiting between them; the handler's thread waits for the whole form no
 * longer than an upload may take. (A servlet's own getPart waits without end: a sender that
 * trickles a byte every few seconds held a server thread for as long as it liked.)
 */
final class MultipartArrival {
    private final MultipartConfigElement config;
    private final Duration deadline;

    /**
     * @param maxBytes the largest file
     * @param maxBody  the largest body, the file and its envelope
     * @param deadline how long the whole body may take to arrive
     */
    MultipartArrival(long maxBytes, long maxBody, Duration deadline) {
        // in memory, never in a temporary file, never beyond the cap
        this.config = new MultipartConfigElement("", maxBytes, maxBody, (int) maxBytes);
        this.deadline = deadline;
    }

    /**
     * The file sent under that name, or null when the form has none, once the whole body arrived.
     *
     * @throws TimeoutException   the body did not arrive within the deadline
     * @throws ExecutionException the body is not a form Jetty can read, or larger than the caps
     */
    Part part(ServletRequest request, String name) throws TimeoutException, ExecutionException, InterruptedException {
        ServletContextRequest jetty = ServletContextRequest.getServletContextRequest(request);
        // Jetty's own request reads the body as it comes; through a wrapper it would read it on this thread
        ServletRequest unwrapped = jetty == null ? request : jetty.getServletApiRequest();
        unwrapped.setAttribute(ServletContextRequest.MULTIPART_CONFIG_ELEMENT, config);
        ServletMultiPartFormData.Parts parts = ServletMultiPartFormData.from(unwrapped).get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        // chosen here: Jetty's getPart fails on a part that has no name
        for (Part p : parts.getParts()) {
            if (name.equals(p.getName()) && p.getSubmittedFileName() != null) {
                return p;
            }
        }
        return null;
    }

    Duration deadline() {
        return deadline;
    }
}

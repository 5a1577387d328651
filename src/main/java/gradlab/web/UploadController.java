package gradlab.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;

import jakarta.servlet.http.Part;

import org.eclipse.jetty.http.MultiPart;

import io.javalin.http.Context;

import gradlab.lab.UploadException;
import gradlab.lab.UploadStore;
import gradlab.lab.UploadsFullException;
import gradlab.view.UploadPage;

/**
 * GET /upload: the form. POST /upload: a CSV file (multipart), kept in memory, previewed.
 * Before anything of the body is read, a body larger than the cap is refused from its
 * Content-Length, a request that is not a multipart form is refused from its Content-Type, and
 * an upload beyond those arriving at once is told to retry: each upload being received holds a
 * server thread, so the number of them and the time each may take are what keep a slow sender
 * from holding them all. The store reads no more than the cap from the part either way.
 */
final class UploadController {
    /** Room for the multipart envelope around the file. */
    static final long ENVELOPE = 16 * 1024;
    /** How long a client told that too many uploads are arriving waits before it tries again. */
    static final int RETRY_SECONDS = 5;

    private final UploadStore store;
    private final UploadStore.Caps caps;
    private final Semaphore arriving;
    private final MultipartArrival form;

    UploadController(UploadStore store, UploadStore.Caps caps) {
        this.store = store;
        this.caps = caps;
        this.arriving = new Semaphore(caps.atOnce());
        this.form = new MultipartArrival(caps.maxBytes(), caps.maxBytes() + ENVELOPE, caps.arrival());
    }

    void form(Context ctx) {
        ctx.html(UploadPage.page(caps, null, null));
    }

    void upload(Context ctx) throws IOException {
        if (ctx.req().getContentLengthLong() > caps.maxBytes() + ENVELOPE) {
            refuse(ctx, 413, "The file is larger than this server's limit of " + caps.maxBytes() / 1024
                    + " KiB for an upload; upload a smaller file.");
            return;
        }
        String notAForm = notAForm(ctx.header("Content-Type"));
        if (notAForm != null) {
            refuse(ctx, 400, notAForm);
            return;
        }
        if (!arriving.tryAcquire()) {
            ctx.header("Retry-After", Integer.toString(RETRY_SECONDS));
            refuse(ctx, 503, "Many uploads are arriving at once: try again in a few seconds.");
            return;
        }
        try {
            receive(ctx);
        } finally {
            arriving.release();
        }
    }

    private void receive(Context ctx) throws IOException {
        Part file;
        try {
            file = form.part(ctx.req(), "file");
        } catch (TimeoutException slow) {
            long seconds = form.deadline().toSeconds();
            refuse(ctx, 408, "The upload took longer than " + seconds + (seconds == 1 ? " second" : " seconds")
                    + " to arrive: try again, on a faster connection if you can.");
            return;
        } catch (ExecutionException e) {
            if (tooLarge(e)) {
                refuse(ctx, 413, "The file is larger than this server's limit of " + caps.maxBytes() / 1024
                        + " KiB for an upload; upload a smaller file.");
            } else {
                refuse(ctx, 400, "The upload could not be read as a form with a file: send one CSV file from the "
                        + "form on this page.");
            }
            return;
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            refuse(ctx, 503, "The server is stopping: upload the file again in a minute.");
            return;
        }
        if (file == null) {
            refuse(ctx, 422, "Choose a CSV file to upload.");
            return;
        }
        try (InputStream in = file.getInputStream()) {
            ctx.html(UploadPage.page(caps, store.add(in, Clients.of(ctx)), null));
        } catch (UploadException e) {
            refuse(ctx, 422, e.getMessage());
        } catch (UploadsFullException e) {
            ctx.header("Retry-After", Long.toString(Math.max(1, e.waitFor().toSeconds())));
            refuse(ctx, 503, e.getMessage());
        }
    }

    /** What is wrong with a request that is not a multipart form with a boundary, or null. */
    static String notAForm(String contentType) {
        if (contentType == null
                || !contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT).equals("multipart/form-data")) {
            return "An upload is sent as a form (multipart/form-data): send the file from the form on this page.";
        }
        if (MultiPart.extractBoundary(contentType) == null) {
            return "The upload's Content-Type names no multipart boundary, so its parts cannot be told apart: "
                    + "send the file from the form on this page.";
        }
        return null;
    }

    /** Jetty's parser refuses a part beyond the caps with a message that says so; nothing else marks it. */
    private static boolean tooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("exceeded")) {
                return true;
            }
        }
        return false;
    }

    private void refuse(Context ctx, int status, String message) {
        ctx.status(status).html(UploadPage.page(caps, null, message));
    }
}

package gradlab.web;

import java.io.IOException;
import java.io.InputStream;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;

import gradlab.lab.UploadException;
import gradlab.lab.UploadStore;
import gradlab.view.UploadPage;

/**
 * GET /upload: the form. POST /upload: a CSV file (multipart), kept in memory, previewed.
 * A body larger than the cap is refused from its Content-Length before it is read; the store
 * reads no more than the cap from the part either way.
 */
final class UploadController {
    /** Room for the multipart envelope around the file. */
    static final long ENVELOPE = 16 * 1024;

    private final UploadStore store;
    private final UploadStore.Caps caps;

    UploadController(UploadStore store, UploadStore.Caps caps) {
        this.store = store;
        this.caps = caps;
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
        UploadedFile file;
        try {
            file = ctx.uploadedFile("file");
        } catch (Exception tooLargeOrMalformed) {
            // Jetty refuses a broken or oversized multipart body with a (checked) servlet exception
            refuse(ctx, 413, "The upload could not be read: send one CSV file of at most " + caps.maxBytes() / 1024
                    + " KiB, from the form on this page.");
            return;
        }
        if (file == null) {
            refuse(ctx, 422, "Choose a CSV file to upload.");
            return;
        }
        try (InputStream in = file.content()) {
            ctx.html(UploadPage.page(caps, store.add(in), null));
        } catch (UploadException e) {
            refuse(ctx, 422, e.getMessage());
        }
    }

    private void refuse(Context ctx, int status, String message) {
        ctx.status(status).html(UploadPage.page(caps, null, message));
    }
}

package gradlab.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;

import gradlab.config.Settings;
import gradlab.lab.ClientQuota;
import gradlab.lab.LabJson;
import gradlab.lab.MemoryBudget;
import gradlab.lab.Runs;
import gradlab.lab.ValidationException;
import gradlab.view.ErrorPage;
import gradlab.view.FormValues;
import gradlab.view.LabPage;
import gradlab.view.Paths;

/**
 * What a user sees when something is refused or goes wrong: a bad value gets 422 with its
 * message next to its field (or as JSON from the API); a full queue gets 503 with a time to
 * come back; anything unexpected gets a generic message with a request id, the details go
 * to the log and never to the client.
 */
final class Errors {
    private static final Logger LOG = LoggerFactory.getLogger(Errors.class);
    /** What a comparison refused for want of memory says. */
    static final String MEMORY_FULL = "The server is computing other large comparisons: try again in a few seconds.";
    /** A client's own run may take minutes; it is asked back after half of one. */
    private static final int RUNS_RETRY_SECONDS = 30;

    private final Settings settings;

    Errors(Settings settings) {
        this.settings = settings;
    }

    void validation(ValidationException e, Context ctx) {
        ctx.status(422);
        if (isApi(ctx)) {
            ctx.contentType("application/json").result(LabJson.error(e));
        } else if (ctx.header("HX-Request") != null) {
            ctx.header("HX-Reswap", "none");
            ctx.header("HX-Push-Url", "false");
            ctx.html(LabPage.errorFragment(e.param(), e.getMessage()));
        } else {
            ctx.html(LabPage.refused(FormValues.typed(typed(ctx)), settings.limits(), e.param(), e.getMessage()));
        }
    }

    void busy(Runs.BusyException e, Context ctx) {
        ctx.status(503).header("Retry-After", "60");
        String message = "The class server is busy: try again in a minute.";
        if (isApi(ctx)) {
            json(ctx, message);
        } else {
            ctx.html(ErrorPage.fragment(message));
        }
    }

    /** The comparisons computing now hold the memory this one needs: 503, back in a few seconds. */
    void memoryFull(MemoryBudget.FullException e, Context ctx) {
        ctx.status(503).header("Retry-After", String.valueOf(MemoryBudget.RETRY_AFTER_SECONDS));
        if (isApi(ctx)) {
            json(ctx, MEMORY_FULL);
        } else if (ctx.header("HX-Request") != null) {
            ctx.html(ErrorPage.fragment(MEMORY_FULL));
        } else {
            ctx.html(ErrorPage.page("Busy", MEMORY_FULL));
        }
    }

    /** The client already has as many training runs as it may: 429, with how many in the message. */
    void tooManyRuns(ClientQuota.FullException e, Context ctx) {
        ctx.status(429).header("Retry-After", String.valueOf(RUNS_RETRY_SECONDS));
        if (isApi(ctx)) {
            json(ctx, e.getMessage());
        } else {
            ctx.html(ErrorPage.fragment(e.getMessage()));
        }
    }

    void unexpected(Exception e, Context ctx) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        LOG.error("request {} {} failed", id, ctx.path(), e);
        ctx.status(500);
        String message = "Something went wrong on the server (request " + id + "). Please try again.";
        if (isApi(ctx)) {
            json(ctx, message);
        } else {
            ctx.html(ErrorPage.page("Error", message));
        }
    }

    /** A 404 whose handler wrote its own page (an unknown class code's, with the form again) keeps it. */
    static void ownPage(Context ctx) {
        ctx.attribute(OWN_PAGE, Boolean.TRUE);
    }

    private static final String OWN_PAGE = "gradlab.ownPage";

    void notFound(Context ctx) {
        if (Boolean.TRUE.equals(ctx.attribute(OWN_PAGE))) {
            return;
        }
        if (wantsJson(ctx)) {
            json(ctx, "there is nothing at this address");
        } else {
            ctx.html(ErrorPage.page("Not found", "There is nothing at this address. Start from the lessons or the lab."));
        }
    }

    /** Javalin's own refusals (a 404 for an unknown lesson, a 405…), in our words and format. */
    void refused(HttpResponseException e, Context ctx) {
        ctx.status(e.getStatus());
        String message = e.getStatus() == 404 ? "there is nothing at this address" : e.getMessage();
        if (e instanceof MethodNotAllowedResponse) {
            // Javalin's details hold the one list of the methods the route serves
            String allow = String.join(", ", e.getDetails().values());
            ctx.header("Allow", allow);
            message = "this address answers " + allow + " only";
        }
        if (wantsJson(ctx)) {
            json(ctx, message);
        } else {
            ctx.html(ErrorPage.page(e.getStatus() == 404 ? "Not found" : "Refused", message));
        }
    }

    /** {"error": message}. */
    private static void json(Context ctx, String message) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("error", message);
        ctx.contentType("application/json").result(o.toString());
    }

    private static boolean wantsJson(Context ctx) {
        String accept = ctx.header("Accept");
        return isApi(ctx) || (accept != null && accept.contains("application/json") && !accept.contains("text/html"));
    }

    private static boolean isApi(Context ctx) {
        return ctx.path().startsWith("/api/") || ctx.path().equals(Paths.HEALTH);
    }

    /** The query as the user typed it, for the form of a refused page; nothing if it cannot be read. */
    private static Map<String, String> typed(Context ctx) {
        Map<String, String> typed = new LinkedHashMap<>();
        try {
            ctx.queryParamMap().forEach((k, v) -> {
                if (!v.isEmpty()) {
                    typed.put(k, v.get(0));
                }
            });
        } catch (RuntimeException unreadable) {
            typed.clear();
        }
        return typed;
    }
}

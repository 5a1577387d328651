package gradlab.web;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.javalin.http.Context;

import gradlab.lab.Classes;
import gradlab.lab.Runs;
import gradlab.view.Assets;

/** GET /health: cheap numbers for a load balancer and an instructor. */
final class Health {
    private final Runs runs;
    private final Classes classes;
    private final long started = System.nanoTime();

    Health(Runs runs, Classes classes) {
        this.runs = runs;
        this.classes = classes;
    }

    void get(Context ctx) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("status", "ok");
        o.put("version", Assets.VERSION);
        o.put("running", runs.running());
        o.put("queued", runs.queued());
        o.put("uptimeSeconds", (System.nanoTime() - started) / 1_000_000_000L);
        o.put("heapUsedBytes", heap.getUsed());
        o.put("heapMaxBytes", heap.getMax());
        o.put("classes", classes.size());
        o.put("students", classes.students());
        ctx.contentType("application/json").result(o.toString());
    }
}

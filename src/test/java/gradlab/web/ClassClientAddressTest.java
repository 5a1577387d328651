package gradlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;

/**
 * The address a client without cookies is counted by (wrong class codes, training runs): the
 * peer's, and X-Forwarded-For's only when the peer is a proxy the server was told to trust.
 */
class ClassClientAddressTest {
    @Test
    void forwardedForIsBelievedOnlyFromATrustedProxy() {
        check(List.of(), "203.0.113.9", "127.0.0.1");
        check(List.of("127.0.0.1"), "203.0.113.9", "203.0.113.9");
        // the last address not a proxy's: the client cannot put one in front of its own
        check(List.of("127.0.0.1"), "198.51.100.1, 203.0.113.9", "203.0.113.9");
        check(List.of("127.0.0.1", "10.0.0.2"), "203.0.113.9, 10.0.0.2", "203.0.113.9");
        check(List.of("10.0.0.2"), "203.0.113.9", "127.0.0.1");
    }

    @Test
    void anAddressHasOneSpelling() {
        assertEquals("0:0:0:0:0:0:0:1", ClientAddress.normal("[::1]"));
        assertEquals(ClientAddress.normal("::1"), ClientAddress.normal("0:0:0:0:0:0:0:1"));
        assertEquals("not-an-address", ClientAddress.normal("not-an-address"), "junk is kept as it came, never looked up");
        assertEquals(64, ClientAddress.normal("x".repeat(500)).length());
    }

    private static void check(List<String> proxies, String forwarded, String expected) {
        ClientAddress address = new ClientAddress(proxies);
        Javalin app = Javalin.create(cfg -> {
            cfg.contextResolver.ip = address::of;
            cfg.routes.get("/", ctx -> ctx.result(ctx.ip()));
        });
        JavalinTest.test(app, (server, client) -> assertEquals(expected,
                client.get("/", r -> r.header("X-Forwarded-For", forwarded)).body().string(), proxies + " " + forwarded));
    }
}

package gradlab.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.javalin.http.Context;

/**
 * The address a request came from. It is the peer's address, unless the peer is one of the
 * reverse proxies the server was told to trust: then it is the last address of
 * X-Forwarded-For that is not one of them. From anyone else the header is ignored, since a
 * client can write what it likes there.
 */
final class ClientAddress {
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    /** An address as long as no real one is: a forged header's junk is cut to this. */
    private static final int LONGEST = 64;

    private final Set<String> proxies;

    /** {@code proxies}: addresses as {@link #normal} writes them. */
    ClientAddress(List<String> proxies) {
        this.proxies = Set.copyOf(proxies);
    }

    String of(Context ctx) {
        String peer = normal(ctx.req().getRemoteAddr());
        if (proxies.isEmpty() || !proxies.contains(peer)) {
            return peer;
        }
        String forwarded = ctx.header("X-Forwarded-For");
        if (forwarded == null) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = normal(hops[i].strip());
            if (!hop.isEmpty() && !proxies.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }

    /** An IP address in one spelling (::1 and 0:0:0:0:0:0:0:1 are the same); anything else as it came, cut short. */
    static String normal(String address) {
        if (address == null) {
            return "";
        }
        String a = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        if (IPV4.matcher(a).matches() || IPV6.matcher(a).matches()) {
            try {
                // a literal address is parsed, never looked up
                return InetAddress.getByName(a).getHostAddress();
            } catch (UnknownHostException notAnAddress) {
                // kept as it came
            }
        }
        return a.length() > LONGEST ? a.substring(0, LONGEST) : a;
    }
}

package ua.qrshare.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The client's IP address as text, the key of the per-address rate limits. Vert.x keeps one address object per
 * connection but formats its text anew on every call (a tenth of the rate limits' cost on a scan), so each thread
 * remembers the text of its recent connections' addresses, direct-mapped by identity: bounded, no eviction work.
 */
public final class ClientAddress {

    private static final int SLOTS = 1024;

    /** Pairs of (address object, its text), per thread. */
    private static final ThreadLocal<Object[]> RECENT = ThreadLocal.withInitial(() -> new Object[SLOTS * 2]);

    private ClientAddress() {}

    public static String of(HttpServerRequest request) {
        SocketAddress address = request.remoteAddress();
        if (address == null) {
            return "-"; // no peer address known: all such requests share one budget
        }
        Object[] recent = RECENT.get();
        int slot = (System.identityHashCode(address) & (SLOTS - 1)) * 2;
        if (recent[slot] == address) {
            return (String) recent[slot + 1];
        }
        String text = String.valueOf(address.hostAddress());
        recent[slot] = address;
        recent[slot + 1] = text;
        return text;
    }
}

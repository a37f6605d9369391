package ua.qrshare.scan;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * What a QR code shows right now, by QR id, cached: a scan that hits the cache does no database I/O. Unknown ids are
 * cached too (as empty), so a flood of well-formed but unknown ids costs one query each at most. Entries are dropped
 * when any gateway instance announces a change ({@link #invalidate}), and the whole cache on reconnection.
 */
public final class QrStates {

    /** The citizen-facing facts of one QR code. */
    public record QrState(
            UUID qrId,
            String qrAddress,
            Instant expiresAt,
            boolean revoked,
            boolean serviceGone,
            UUID partnerId,
            String partnerName,
            String edrpou,
            UUID branchId,
            String branchName,
            String branchAddress,
            UUID serviceId,
            List<String> serviceNames,
            List<String> documents) {

        public boolean addressChanged() {
            return !qrAddress.equals(branchAddress);
        }
    }

    private static final long MAX_ENTRIES = 500_000;
    private static final String LOAD = "SELECT q.id, q.address_text, q.expires_at, q.revoked_at IS NOT NULL AS revoked,"
            + " (s.deleted_at IS NOT NULL OR b.deleted_at IS NOT NULL) AS service_gone,"
            + " p.id AS partner_id, p.name AS partner_name, p.edrpou, b.id AS branch_id, b.name AS branch_name,"
            + " b.address_text AS branch_address, s.id AS service_id, s.names, s.documents"
            + " FROM qr_code q JOIN service s ON s.id = q.service_id JOIN branch b ON b.id = s.branch_id"
            + " JOIN partner p ON p.id = q.partner_id WHERE q.id = $1";

    /**
     * A cache entry: the state (or none), and whatever the resolve endpoint derives from it once (its encoded answer),
     * kept on the entry so a scan needs one lookup, and dropped with it.
     */
    public static final class Entry {
        private final Optional<QrState> state;
        private volatile Object derived;

        Entry(Optional<QrState> state) {
            this.state = state;
        }

        public Optional<QrState> state() {
            return state;
        }

        /** What {@code derive} makes of the state, computed at most a few times (racing threads) and then kept. */
        @SuppressWarnings("unchecked")
        public <T> T derived(java.util.function.Function<QrState, T> derive) {
            Object d = derived;
            if (d == null) {
                d = derive.apply(state.orElseThrow());
                derived = d;
            }
            return (T) d;
        }
    }

    private final SqlClient db;
    private final AsyncLoadingCache<UUID, Entry> cache;

    public QrStates(SqlClient db) {
        this.db = db;
        this.cache =
                Caffeine.newBuilder().maximumSize(MAX_ENTRIES).recordStats().buildAsync((id, executor) -> load(id));
    }

    /** The state, at once on a cache hit; on a miss the answer comes back on the caller's Vert.x context. */
    public Future<Optional<QrState>> get(UUID qrId) {
        return entry(qrId).map(Entry::state);
    }

    /** The cache entry, at once on a cache hit; on a miss the answer comes back on the caller's Vert.x context. */
    public Future<Entry> entry(UUID qrId) {
        CompletableFuture<Entry> entry = cache.get(qrId);
        if (entry.isDone() && !entry.isCompletedExceptionally()) {
            return Future.succeededFuture(entry.join());
        }
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        return context == null ? Future.fromCompletionStage(entry) : Future.fromCompletionStage(entry, context);
    }

    /** Applies a change announced with NOTIFY: {@code {qr|service|branch|partner: id}} or {@code {all: true}}. */
    public void invalidate(JsonObject change) {
        if (change.getBoolean("all", false)) {
            cache.synchronous().invalidateAll();
            return;
        }
        UUID qr = id(change, "qr");
        if (qr != null) {
            cache.synchronous().invalidate(qr);
        }
        UUID service = id(change, "service");
        UUID branch = id(change, "branch");
        UUID partner = id(change, "partner");
        if (service != null || branch != null || partner != null) {
            // Rare (a partner edits the cabinet): a scan of the entries beats keeping reverse indexes in step.
            cache.synchronous()
                    .asMap()
                    .entrySet()
                    .removeIf(e -> e.getValue()
                            .state()
                            .map(s -> s.serviceId().equals(service)
                                    || s.branchId().equals(branch)
                                    || s.partnerId().equals(partner))
                            .orElse(false));
        }
    }

    /** Lookups that had to go to the database (a cache hit never does). */
    public long loads() {
        return cache.synchronous().stats().missCount();
    }

    public double hitRatio() {
        return cache.synchronous().stats().hitRate();
    }

    private CompletableFuture<Entry> load(UUID id) {
        return db.preparedQuery(LOAD)
                .execute(Tuple.of(id))
                .map(rows -> new Entry(
                        rows.size() == 0
                                ? Optional.<QrState>empty()
                                : Optional.of(state(rows.iterator().next()))))
                .toCompletionStage()
                .toCompletableFuture();
    }

    private static QrState state(Row r) {
        return new QrState(
                r.getUUID("id"),
                r.getString("address_text"),
                r.getOffsetDateTime("expires_at").toInstant(),
                r.getBoolean("revoked"),
                r.getBoolean("service_gone"),
                r.getUUID("partner_id"),
                r.getString("partner_name"),
                r.getString("edrpou"),
                r.getUUID("branch_id"),
                r.getString("branch_name"),
                r.getString("branch_address"),
                r.getUUID("service_id"),
                List.of(r.getArrayOfStrings("names")),
                List.of(r.getArrayOfStrings("documents")));
    }

    private static UUID id(JsonObject change, String key) {
        String value = change.getString(key);
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

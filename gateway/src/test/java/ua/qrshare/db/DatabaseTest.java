package ua.qrshare.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static ua.qrshare.testing.Await.await;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import ua.qrshare.config.Config;
import ua.qrshare.testing.TestPostgres;

/** Migrations and both client flavours against a real PostgreSQL (embedded, or the one at QRSHARE_TEST_PG_URL). */
@Tag("persistence")
class DatabaseTest {

    Vertx vertx;
    PgConnectOptions options;
    Database database;

    @BeforeEach
    void connect() {
        vertx = Vertx.vertx();
        options = Database.connectOptions(new Config.Database(null, null, null, 4), TestPostgres.freshDatabaseUrl());
        Database.migrate(options);
        database = Database.connect(vertx, options, 4);
    }

    @AfterEach
    void close() {
        database.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void migrations_create_the_document_catalog_in_order() {
        RowSet<Row> rows = await(database.client()
                .query("SELECT code, title_uk, title_en FROM document_type ORDER BY position")
                .execute());
        List<String> codes = StreamSupport.stream(rows.spliterator(), false)
                .map(r -> r.getString("code"))
                .toList();
        assertThat(codes)
                .containsExactly(
                        "id-card",
                        "foreign-passport",
                        "taxpayer-card",
                        "idp-certificate",
                        "birth-certificate",
                        "student-card",
                        "driver-license",
                        "vehicle-registration");
        rows.forEach(r -> assertThat(r.getString("title_uk")).isNotBlank());
    }

    @Test
    void migrating_again_applies_nothing_and_keeps_data() {
        assertThat(Database.migrate(options)).isZero();
        RowSet<Row> rows = await(database.client()
                .query("SELECT count(*) AS n FROM document_type")
                .execute());
        assertThat(rows.iterator().next().getLong("n")).isEqualTo(8);
    }

    @Test
    void pipelined_client_runs_prepared_statements_concurrently() {
        List<io.vertx.core.Future<RowSet<Row>>> queries = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            queries.add(database.client()
                    .preparedQuery("SELECT $1::int * 2 AS doubled")
                    .execute(Tuple.of(i)));
        }
        for (int i = 0; i < 200; i++) {
            assertThat(await(queries.get(i)).iterator().next().getInteger("doubled"))
                    .isEqualTo(i * 2);
        }
        assertThat(database.connectOptions().getCachePreparedStatements()).isTrue();
    }

    @Test
    void pool_transactions_commit_or_roll_back_as_a_whole() {
        await(database.pool().query("CREATE TABLE t (v int NOT NULL)").execute());
        assertThatThrownBy(() -> await(database.pool()
                        .withTransaction(c -> c.query("INSERT INTO t VALUES (1)")
                                .execute()
                                .compose(r ->
                                        c.query("INSERT INTO t VALUES (NULL)").execute()))))
                .hasMessageContaining("null value");
        await(database.pool()
                .withTransaction(c -> c.query("INSERT INTO t VALUES (2)").execute()));
        RowSet<Row> rows = await(
                database.client().query("SELECT array_agg(v) AS vs FROM t").execute());
        assertThat(rows.iterator().next().getArrayOfIntegers("vs")).containsExactly(2);
    }
}

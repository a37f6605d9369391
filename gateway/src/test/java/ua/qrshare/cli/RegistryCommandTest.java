package ua.qrshare.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.pgclient.PgConnectOptions;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import ua.qrshare.config.Config;
import ua.qrshare.secrets.LookupHash;
import ua.qrshare.secrets.Secrets;
import ua.qrshare.testing.Http;
import ua.qrshare.testing.RunningGateway;
import ua.qrshare.testing.TestGateway;
import ua.qrshare.testing.TestPostgres;

/** {@code qrshare registry import}: the register CSV into a real PostgreSQL, through the CLI as an operator runs it. */
@Isolated // captures the log
class RegistryCommandTest {

    static final String HEADER = "edrpou,name,head_rnokpp,head_name,address\n";

    @TempDir
    Path dir;

    @Test
    void good_rows_are_imported_and_each_bad_row_is_reported_with_its_line_and_reason() throws Exception {
        String db = TestPostgres.freshDatabaseUrl();
        Path csv = write(
                "register.csv",
                HEADER
                        + "41259384,\"ТОВ \"\"Тестова логістика, Київ\"\"\",3106504219,Петренко Оксана Василівна,\"01001, м. Київ, вул. Тестова, 1\"\r\n"
                        + "39876548,ПрАТ «Тестовий завод»,2750112345,Гнатюк Роман Ігорович,\"61000, м. Харків, вул. Сумська, 1\"\r\n"
                        + "41259385,ТОВ «Хибний код»,3106504219,Петренко Оксана Василівна,м. Київ\r\n"
                        + "4125938,ТОВ «Короткий код»,3106504219,Петренко Оксана Василівна,м. Київ\r\n"
                        + "45612305,ТОВ «Дев'ять цифр»,310650421,Петренко Оксана Василівна,м. Київ\r\n"
                        + "23456783,,3106504219,Петренко Оксана Василівна,м. Київ\r\n"
                        + "11111116,ТОВ «Два рядки»,1234567890,Іваненко Іван Іванович,\"вул. Перша, 1,\nкорпус 2\"\r\n"
                        + "39876548,ПрАТ «Дубль»,2750112345,Гнатюк Роман Ігорович,м. Харків\r\n"
                        + "35000016,ТОВ «Зайве поле»,1234567890,Іваненко Іван Іванович,м. Київ,зайве\r\n");

        Cli.Run r = importFile(csv, Map.of("QRSHARE_DB_URL", db));

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines())
                .containsExactly(
                        "line 4: EDRPOU check digit is wrong",
                        "line 5: EDRPOU must be 8 digits",
                        "line 6: head RNOKPP must be 10 digits",
                        "line 7: name is empty",
                        "line 10: the same EDRPOU as line 3",
                        "line 11: expected 5 fields, found 6",
                        "imported 3, rejected 6");
        assertThat(r.out() + r.err() + r.log()).doesNotContain("3106504219", "310650421", "Петренко");

        LookupHash lookupHash = lookupHash();
        try (Connection c = connect(db)) {
            Map<String, List<Object>> rows = organisations(c);
            assertThat(rows).containsOnlyKeys("41259384", "39876548", "11111116");
            assertThat(rows.get("41259384").get(0)).isEqualTo("ТОВ \"Тестова логістика, Київ\"");
            assertThat(rows.get("41259384").get(3)).isEqualTo("01001, м. Київ, вул. Тестова, 1");
            assertThat(rows.get("11111116").get(3)).isEqualTo("вул. Перша, 1,\nкорпус 2");
            assertThat((byte[]) rows.get("41259384").get(1)).isEqualTo(lookupHash.of("3106504219"));
            assertThat((byte[]) rows.get("39876548").get(1)).isEqualTo(lookupHash.of("2750112345"));
            assertThat(everyColumnAsText(c))
                    .hasSize(3)
                    .noneMatch(row ->
                            row.contains("3106504219") || row.contains("2750112345") || row.contains("1234567890"));
        }
    }

    @Test
    void a_new_import_replaces_the_head_of_an_organisation() throws Exception {
        String db = TestPostgres.freshDatabaseUrl();
        importFile(
                write(
                        "first.csv",
                        HEADER + "41259384,ТОВ «Перша назва»,3106504219,Петренко Оксана Василівна,м. Київ\n"),
                Map.of("QRSHARE_DB_URL", db));
        Cli.Run r = importFile(
                write("second.csv", HEADER + "41259384,ТОВ «Друга назва»,2750112345,Гнатюк Роман Ігорович,м. Київ\n"),
                Map.of("QRSHARE_DB_URL", db));

        assertThat(r.out()).contains("imported 1, rejected 0");
        try (Connection c = connect(db)) {
            List<Object> row = organisations(c).get("41259384");
            assertThat(row.get(0)).isEqualTo("ТОВ «Друга назва»");
            assertThat((byte[]) row.get(1)).isEqualTo(lookupHash().of("2750112345"));
        }
    }

    @Test
    void a_file_that_cannot_be_read_as_a_register_exits_1_and_changes_nothing() throws Exception {
        String db = TestPostgres.freshDatabaseUrl();
        Map<String, String> env = Map.of("QRSHARE_DB_URL", db);

        Cli.Run missing = importFile(dir.resolve("missing.csv"), env);
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("no such file");

        Cli.Run wrongHeader = importFile(write("other.csv", "code,title\n41259384,ТОВ\n"), env);
        assertThat(wrongHeader.exit()).isEqualTo(1);
        assertThat(wrongHeader.err()).contains("is not a register file", HEADER.strip());

        Path cp1251 = dir.resolve("cp1251.csv");
        Files.write(
                cp1251,
                (HEADER + "41259384,ТОВ «Тест»,3106504219,Петренко Оксана,м. Київ\n")
                        .getBytes(Charset.forName("windows-1251")));
        Cli.Run notUtf8 = importFile(cp1251, env);
        assertThat(notUtf8.exit()).isEqualTo(1);
        assertThat(notUtf8.err()).contains("is not UTF-8 text", "the register was not changed");

        Cli.Run nothingValid = importFile(write("bad.csv", HEADER + "1,ТОВ,2,Г,А\n"), env);
        assertThat(nothingValid.exit()).isEqualTo(1);
        assertThat(nothingValid.out()).contains("line 2: EDRPOU must be 8 digits", "imported 0, rejected 1");

        try (Connection c = connect(db)) {
            assertThat(organisations(c)).isEmpty();
        }
    }

    @Test
    void a_byte_order_mark_and_blank_lines_are_tolerated() throws Exception {
        String db = TestPostgres.freshDatabaseUrl();
        Cli.Run r = importFile(
                write(
                        "excel.csv",
                        "\uFEFF" + HEADER + ",,,,\n\n"
                                + "41259384,ТОВ «Тест»,3106504219,Петренко Оксана Василівна,м. Київ\n"),
                Map.of("QRSHARE_DB_URL", db));
        assertThat(r.out()).isEqualTo("imported 1, rejected 0\n");
    }

    @Test
    void registry_alone_asks_for_a_subcommand() {
        Cli.Run r = Cli.run(Map.of(), "registry");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required subcommand", "import");
        Cli.Run help = Cli.run(Map.of(), "--help");
        assertThat(help.out()).contains("registry", "pki");
    }

    /**
     * Without db.url the import uses the embedded database: one it starts and stops itself, or, while a gateway runs
     * on the same data directory, that gateway's server, which must keep running.
     */
    @Test
    void the_embedded_database_is_started_for_the_import_or_shared_with_a_running_gateway() throws Exception {
        Path dataDir = dir.resolve("data");
        Map<String, String> embedded = Map.of("QRSHARE_DATA_DIR", dataDir.toString());
        Cli.Run alone = importFile(
                write("one.csv", HEADER + "41259384,ТОВ «Тест»,3106504219,Петренко Оксана Василівна,м. Київ\n"),
                embedded);
        assertThat(alone.out()).as(alone.err()).contains("imported 1, rejected 0");
        assertThat(dataDir.resolve("pg").resolve("postmaster.pid"))
                .as("stopped after the import")
                .doesNotExist();

        Map<String, Object> overrides = new HashMap<>();
        overrides.put("db.url", null);
        try (RunningGateway gateway = TestGateway.start(dataDir, overrides)) {
            Cli.Run shared = importFile(
                    write("two.csv", HEADER + "39876548,ПрАТ «Тест»,2750112345,Гнатюк Роман Ігорович,м. Харків\n"),
                    embedded);
            assertThat(shared.out()).as(shared.err()).contains("imported 1, rejected 0");

            assertThat(new Http(gateway.config().httpPort())
                            .get("/health/ready")
                            .statusCode())
                    .isEqualTo(200);
            List<String> codes = new ArrayList<>();
            gateway.database()
                    .pool()
                    .query("SELECT edrpou FROM organisation WHERE edrpou IN ('41259384', '39876548')")
                    .execute()
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS)
                    .forEach(row -> codes.add(row.getString("edrpou")));
            assertThat(codes).containsExactlyInAnyOrder("41259384", "39876548");
        }
    }

    private Cli.Run importFile(Path csv, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.putIfAbsent("QRSHARE_DATA_DIR", dir.resolve("data").toString());
        return Cli.run(all, "registry", "import", csv.toString());
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    /** The key the CLI hashed with: the dev lookup key it generated under the data directory. */
    private LookupHash lookupHash() {
        return new LookupHash(Secrets.load(new Config.Secrets(null, null), dir.resolve("data"))
                .lookupKey());
    }

    private static Connection connect(String url) throws SQLException {
        PgConnectOptions options = PgConnectOptions.fromUri(url);
        return DriverManager.getConnection(
                TestPostgres.jdbcUrl(options, options.getDatabase()), options.getUser(), options.getPassword());
    }

    /** EDRPOU → name, head hash, head name, address. */
    private static Map<String, List<Object>> organisations(Connection c) throws SQLException {
        Map<String, List<Object>> rows = new HashMap<>();
        try (ResultSet rs = c.createStatement()
                .executeQuery("SELECT edrpou, name, head_rnokpp_hash, head_name, address FROM organisation")) {
            while (rs.next()) {
                rows.put(rs.getString(1), List.of(rs.getString(2), rs.getBytes(3), rs.getString(4), rs.getString(5)));
            }
        }
        return rows;
    }

    private static List<String> everyColumnAsText(Connection c) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery("SELECT o::text FROM organisation o")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}

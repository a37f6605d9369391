package ua.qrshare.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The README's key table and docker-compose.yml stay in step with the keys the gateway really reads. */
class ConfigDocumentationTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void the_readme_table_lists_every_key_with_its_environment_name_and_default() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        for (ConfigKey key : ConfigKey.values()) {
            String defaultCell = key.defaultValue() == null ? "*(unset)*" : "`" + key.defaultValue() + "`";
            assertThat(readme)
                    .as(key.key())
                    .contains("| `" + key.key() + "` | `" + key.envName() + "` | " + defaultCell + " |");
        }
        long rows = readme.lines()
                .filter(l -> l.matches("\\| `[a-z0-9.]+` \\| `QRSHARE_[A-Z0-9_]+` \\|.*"))
                .count();
        assertThat(rows).isEqualTo(ConfigKey.values().length);
    }

    @Test
    @SuppressWarnings("unchecked")
    void docker_compose_sets_only_real_keys() throws Exception {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        Set<String> known =
                Arrays.stream(ConfigKey.values()).map(ConfigKey::envName).collect(Collectors.toSet());
        Set<String> used = services.values().stream()
                .map(s -> (Map<String, Object>) s.get("environment"))
                .filter(env -> env != null)
                .flatMap(env -> env.keySet().stream())
                .filter(name -> name.startsWith("QRSHARE_"))
                .collect(Collectors.toSet());
        assertThat(used).isNotEmpty();
        assertThat(known).containsAll(used);
        // The gateway in compose uses the real PostgreSQL and mail catcher, not the embedded stand-ins.
        assertThat(used)
                .contains(
                        "QRSHARE_DB_URL",
                        "QRSHARE_SMTP_HOST",
                        "QRSHARE_HTTP_PORT",
                        "QRSHARE_DATA_DIR",
                        "QRSHARE_PUBLIC_BASE_URL");
    }

    @Test
    void the_names_scripts_depend_on_are_fixed() {
        assertThat(Arrays.stream(ConfigKey.values()).map(ConfigKey::envName))
                .contains(
                        "QRSHARE_HTTP_PORT",
                        "QRSHARE_DATA_DIR",
                        "QRSHARE_PUBLIC_BASE_URL",
                        "QRSHARE_DB_URL",
                        "QRSHARE_DB_USER",
                        "QRSHARE_DB_PASSWORD",
                        "QRSHARE_SMTP_HOST",
                        "QRSHARE_SMTP_PORT");
    }
}

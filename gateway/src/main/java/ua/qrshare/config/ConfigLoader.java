package ua.qrshare.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Loads the configuration with vertx-config. Precedence, lowest first: built-in defaults, the config file (YAML or
 * JSON, keys as in the README: {@code http.port: 8080} or nested {@code http: {port: 8080}}), environment
 * {@code QRSHARE_*}, system properties {@code qrshare.*}; the last two from the {@link Environment} passed in, never
 * from the process itself.
 */
public final class ConfigLoader {

    private ConfigLoader() {}

    /** A resolved value and where it came from, for {@code qrshare config}. */
    public record Setting(String value, String source) {}

    /** Blocking: meant for start-up, before any verticle runs. */
    public static Config load(Path file, Environment environment) {
        return Config.fromValues(values(settings(file, environment)));
    }

    /** Every key's effective value and its source; blocking. */
    public static Map<ConfigKey, Setting> settings(Path file, Environment environment) {
        Vertx vertx = Vertx.vertx();
        try {
            JsonObject merged = retrieve(vertx, file, environment)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            return resolve(merged, file);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new ConfigException("cannot read configuration" + (file == null ? "" : " file " + file) + ": "
                    + e.getCause().getMessage());
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new ConfigException("timed out reading the configuration");
        } finally {
            vertx.close();
        }
    }

    private static io.vertx.core.Future<JsonObject> retrieve(Vertx vertx, Path file, Environment environment) {
        ConfigRetrieverOptions options =
                new ConfigRetrieverOptions().setIncludeDefaultStores(false).setScanPeriod(-1);
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("config file " + file + " does not exist or is not a file");
            }
            String name = file.getFileName().toString();
            String format = name.endsWith(".yaml") || name.endsWith(".yml") ? "yaml" : "json";
            options.addStore(new ConfigStoreOptions()
                    .setType("file")
                    .setFormat(format)
                    .setConfig(
                            new JsonObject().put("path", file.toAbsolutePath().toString())));
        }
        options.addStore(
                new ConfigStoreOptions().setType("json").setConfig(known(environment.variables(), ConfigKey::envName)));
        options.addStore(new ConfigStoreOptions()
                .setType("json")
                .setConfig(known(environment.properties(), ConfigKey::systemProperty)));
        ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
        return retriever.getConfig().eventually(retriever::close);
    }

    /**
     * The stores name a key three ways (file {@code http.port}, env {@code QRSHARE_HTTP_PORT}, system property
     * {@code qrshare.http.port}); this applies the precedence and the defaults, and rejects unknown file keys.
     */
    public static Map<ConfigKey, Setting> resolve(JsonObject merged, Path file) {
        JsonObject flat = flatten(merged);
        for (String name : flat.fieldNames()) {
            boolean fromEnvOrSys = name.startsWith("QRSHARE_") || name.startsWith("qrshare.");
            if (!fromEnvOrSys && ConfigKey.byKey(name) == null) {
                throw new ConfigException("unknown configuration key \"" + name + "\" in the config file; "
                        + "the keys are listed in the README");
            }
        }
        Map<ConfigKey, Setting> settings = new EnumMap<>(ConfigKey.class);
        for (ConfigKey key : ConfigKey.values()) {
            Setting setting = firstSet(
                    new Setting(text(flat, key.systemProperty()), "system property " + key.systemProperty()),
                    new Setting(text(flat, key.envName()), "environment " + key.envName()),
                    new Setting(text(flat, key.key()), "config file " + file),
                    new Setting(key.defaultValue(), "default"));
            if (setting != null) {
                settings.put(key, setting);
            }
        }
        return settings;
    }

    public static Map<ConfigKey, String> values(Map<ConfigKey, Setting> settings) {
        Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
        settings.forEach((key, setting) -> values.put(key, setting.value()));
        return values;
    }

    /** The entries of {@code source} named as {@code name} names some key; the rest of the environment is not ours. */
    private static JsonObject known(Map<String, String> source, Function<ConfigKey, String> name) {
        JsonObject known = new JsonObject();
        for (ConfigKey key : ConfigKey.values()) {
            String value = source.get(name.apply(key));
            if (value != null) {
                known.put(name.apply(key), value);
            }
        }
        return known;
    }

    private static JsonObject flatten(JsonObject json) {
        JsonObject flat = new JsonObject();
        json.forEach(e -> {
            if (e.getValue() instanceof JsonObject nested) {
                flatten(nested).forEach(n -> flat.put(e.getKey() + "." + n.getKey(), n.getValue()));
            } else {
                flat.put(e.getKey(), e.getValue());
            }
        });
        return flat;
    }

    private static String text(JsonObject flat, String name) {
        Object value = flat.getValue(name);
        return value == null ? null : value.toString();
    }

    private static Setting firstSet(Setting... candidates) {
        for (Setting s : candidates) {
            if (s.value() != null) {
                return s;
            }
        }
        return null;
    }
}

package ua.qrshare.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import ua.qrshare.config.Config;
import ua.qrshare.config.ConfigKey;
import ua.qrshare.config.ConfigLoader;

/** Prints the effective configuration and where each value came from; secrets are masked. */
@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description = "Show the effective configuration: every key, its value and its source "
                + "(default, config file, environment QRSHARE_*, system property qrshare.*). Passwords are masked.")
public final class ConfigCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "The configuration file serve would read.")
    Path config;

    @Override
    public Integer call() {
        Map<ConfigKey, ConfigLoader.Setting> settings = ConfigLoader.settings(config, Main.environment(spec));
        Config.fromValues(ConfigLoader.values(settings)); // refuses what serve would refuse
        PrintWriter out = spec.commandLine().getOut();
        for (ConfigKey key : ConfigKey.values()) {
            ConfigLoader.Setting setting = settings.get(key);
            String value = setting == null
                    ? "(unset)"
                    : key.key().endsWith("password") ? "****" : Config.redactUrl(setting.value());
            String source = setting == null ? "" : "  [" + setting.source() + "]";
            out.println(key.key() + " = " + value + source);
        }
        return 0;
    }
}

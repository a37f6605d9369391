package ua.qrshare.config;

import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * What the configuration reads besides its file: environment variables ({@code QRSHARE_*}) and system properties
 * ({@code qrshare.*}). Passed in rather than read from the process, so the CLI can run in-process, as in its tests,
 * without one run's settings leaking into the next.
 */
public record Environment(Map<String, String> variables, Map<String, String> properties) {

    public Environment {
        variables = Map.copyOf(variables);
        properties = Map.copyOf(properties);
    }

    /** This process's environment variables and system properties, as they are now. */
    public static Environment ofProcess() {
        Properties system = System.getProperties();
        return new Environment(
                System.getenv(),
                system.stringPropertyNames().stream().collect(Collectors.toMap(name -> name, system::getProperty)));
    }
}

package ua.qrshare.config;

/** A configuration value that cannot be used; its message is the one line an operator sees at start-up. */
public final class ConfigException extends RuntimeException {
    public ConfigException(ConfigKey key, String problem) {
        super(key.key() + " (" + key.envName() + "): " + problem);
    }

    public ConfigException(String message) {
        super(message);
    }
}

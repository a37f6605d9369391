package ua.qrshare.cli;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import ua.qrshare.Gateway;
import ua.qrshare.config.Config;
import ua.qrshare.config.ConfigException;

/** Runs the gateway until SIGTERM/SIGINT, then drains requests and stops everything it started. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the gateway (the default command).")
public final class ServeCommand implements Callable<Integer> {

    /** Exit code for configuration a person has to fix: nothing was started. */
    public static final int CONFIG_ERROR = 2;
    /** Exit code when a component failed to start. */
    public static final int STARTUP_FAILED = 1;

    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Mixin
    ServeOptions options;

    @Spec
    CommandSpec spec;

    public ServeCommand() {}

    /** {@code serve} run by {@code qrshare} without a command: the root's options and spec. */
    ServeCommand(ServeOptions options, CommandSpec spec) {
        this.options = options;
        this.spec = spec;
    }

    @Override
    public Integer call() {
        Config config = Main.config(spec, options.config);
        refuseDevDefaultsInProduction(config);
        Gateway gateway;
        try {
            gateway = Gateway.start(config);
        } catch (RuntimeException e) {
            log.error("Start-up failed: {}", e.getMessage(), e);
            return STARTUP_FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            log.info("Stopping: draining in-flight requests");
                            gateway.close();
                            log.info("Stopped");
                            stopped.countDown();
                            // The async appender flushes only when stopped; this hook is the last to log.
                            ((ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory()).stop();
                        },
                        "qrshare-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private void refuseDevDefaultsInProduction(Config config) {
        List<String> inUse = config.devDefaultsInUse();
        if (options.prod && !inUse.isEmpty()) {
            throw new ConfigException(
                    "--prod refuses to start with development defaults in use: " + String.join("; ", inUse));
        }
    }
}

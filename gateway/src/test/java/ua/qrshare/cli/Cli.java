package ua.qrshare.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.slf4j.LoggerFactory;
import ua.qrshare.config.Environment;

/**
 * The CLI as an operator meets it, minus the JVM: arguments, {@code QRSHARE_*} variables and {@code qrshare.*}
 * properties in; exit code, stdout and stderr out. {@link CliSmokeTest} covers the process boundary itself.
 */
final class Cli {

    /** {@code log}: what was logged during the run, which a separate JVM would have written to its stdout. */
    record Run(int exit, String out, String err, String log) {}

    private Cli() {}

    /** Runs {@code qrshare args…} with no QRSHARE_* variables but those in {@code env}, and no qrshare.* properties. */
    static Run run(Map<String, String> env, String... args) {
        return run(new Environment(env, Map.of()), args);
    }

    static Run run(Environment environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Captured log = new Captured();
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        log.start();
        root.addAppender(log);
        try {
            int exit = Main.run(args, environment, new PrintWriter(out, true), new PrintWriter(err, true));
            return new Run(exit, out.toString(), err.toString(), log.text.toString());
        } finally {
            root.detachAppender(log);
        }
    }

    /** Every event of every thread, formatted; a StringBuffer, as appenders are called from any thread. */
    private static final class Captured extends AppenderBase<ILoggingEvent> {
        private final StringBuffer text = new StringBuffer();

        @Override
        protected void append(ILoggingEvent event) {
            text.append(event.getFormattedMessage()).append('\n');
        }
    }
}

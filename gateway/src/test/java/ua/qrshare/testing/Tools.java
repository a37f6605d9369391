package ua.qrshare.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Independent command-line tools (openssl, softhsm2-util, pkcs11-tool) run in a directory, as a person would. */
public final class Tools {

    private Tools() {}

    /** What a command printed (stdout and stderr together) and how it exited. */
    public record Result(int exit, String output) {}

    public static Result run(Path dir, Map<String, String> environment, String... command) {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS))
                    .as("%s finished", List.of(command))
                    .isTrue();
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command[0] + " (is it installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Result run(Path dir, String... command) {
        return run(dir, Map.of(), command);
    }

    /** Runs a command that must succeed; its output. */
    public static String ok(Path dir, String... command) {
        Result result = run(dir, command);
        assertThat(result.exit())
                .as("%s%n%s", List.of(command), result.output())
                .isZero();
        return result.output();
    }
}

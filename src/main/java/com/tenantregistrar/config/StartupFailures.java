package com.tenantregistrar.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.ConfigValidationException;

/**
 * How the packaged app ends when it cannot start: a wrong setting as one line that names the environment variable,
 * what is wrong and a valid example (instead of SmallRye's report, which names {@code registrar.arm.max-concurrency}
 * and its converter); any other failure logged with its stack trace.
 */
public final class StartupFailures {

    private static final Pattern NOT_CONVERTED = Pattern.compile(
            "config property (\\S+) with the config value \"(.*?)\" threw an Exception");
    private static final Pattern MISSING = Pattern.compile("config property (\\S+) is required");

    private StartupFailures() {
    }

    /**
     * Quarkus' exit handler: reports a failure to start, then exits with the code. In dev mode a stop without a
     * failure is live reload restarting the app, and the process must go on.
     */
    public static void exit(Integer code, Throwable failure) {
        if (failure == null && LaunchMode.current() == LaunchMode.DEVELOPMENT) {
            return;
        }
        if (failure != null) {
            List<String> lines = describe(failure);
            if (lines.isEmpty()) {
                Logger.getLogger(StartupFailures.class).error("Failed to start", failure);
            } else {
                lines.forEach(System.err::println);
            }
        }
        System.exit(code);
    }

    /** One line per wrong setting, or none when the failure is not about settings. */
    static List<String> describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        List<String> lines = new ArrayList<>();
        if (root instanceof ConfigValidationException validation) {
            for (int i = 0; i < validation.getProblemCount(); i++) {
                lines.add(explain(validation.getProblem(i).getMessage()));
            }
        } else if (root instanceof ConfigurationException) {
            lines.addAll(root.getMessage().lines().toList());
        }
        return lines;
    }

    private static String explain(String problem) {
        Matcher notConverted = NOT_CONVERTED.matcher(problem);
        if (notConverted.find()) {
            String value = notConverted.group(2);
            return Settings.byProperty(notConverted.group(1))
                    .map(s -> s.invalid("'" + value + "' is not " + s.expectation()))
                    .orElse(oneLine(problem));
        }
        Matcher missing = MISSING.matcher(problem);
        if (missing.find()) {
            return Settings.byProperty(missing.group(1))
                    .map(s -> s.variable() + " is missing; for example " + s.example())
                    .orElse(oneLine(problem));
        }
        return oneLine(problem);
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ");
    }
}

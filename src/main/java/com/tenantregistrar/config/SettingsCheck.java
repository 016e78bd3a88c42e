package com.tenantregistrar.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.tenantregistrar.config.Settings.Setting;

import io.quarkus.runtime.Startup;
import io.smallrye.config.SmallRyeConfig;

/**
 * Checks every setting's value at start-up, before the app listens, so that a value it cannot run with stops it
 * at once instead of failing calls later. SmallRye has already converted each value to its type (a value that is
 * not a duration, a number, ... stops start-up there, see {@link StartupFailures}); this checks what a type
 * cannot say, by type for every setting (a flag is true or false, a duration is positive, a number not negative,
 * a URL is https, a path is a file) and between settings; and that every REGISTRAR_* variable is a setting.
 */
@Startup
@ApplicationScoped
public class SettingsCheck {

    /**
     * The removal budget keeps the time of each slot taken in one table property (at most 64 KiB), which holds about
     * 1,300; and a thousand removals a day is already a mass deletion no operator means to allow by a setting.
     */
    static final int MOST_REMOVALS = 1000;

    /** Durations where zero means "none" (no grace) rather than a mistake. */
    private static final Set<String> MAY_BE_ZERO = Set.of("registrar.drift.removal-grace");
    private static final String NO_REQUEST = "would let no request through";

    @Inject
    public SettingsCheck(SmallRyeConfig config) {
        List<String> problems = new ArrayList<>();
        for (Setting setting : Settings.all()) {
            String raw = config.getRawValue(setting.property());
            if (setting.type() == Boolean.class && raw != null && !raw.isBlank()
                    && !raw.trim().equalsIgnoreCase("true") && !raw.trim().equalsIgnoreCase("false")) {
                // SmallRye reads anything but true, 1, yes, y and on as false: a typo must not turn a flag off.
                problems.add(setting.invalid("'" + raw + "' is not " + setting.expectation()));
                continue;
            }
            value(config, setting).flatMap(value -> problem(setting, raw, value))
                    .ifPresent(what -> problems.add(setting.invalid(what)));
        }
        // A misspelt or renamed variable would be ignored without a word, and its default used instead.
        System.getenv().keySet().stream().filter(name -> name.startsWith("REGISTRAR_") && !Settings.isKnown(name))
                .sorted().forEach(name -> problems.add(name + " is not a setting of this app, so it would be ignored; "
                        + "correct its name (see docs/configuration.md) or remove it"));
        atLeastOne(config, "registrar.arm.max-concurrency", NO_REQUEST, problems);
        atLeastOne(config, "registrar.partner-center.max-concurrency", NO_REQUEST, problems);
        atLeastOne(config, "registrar.partner-center.max-customer-failures",
                "would step over every customer before its first read", problems);
        notLonger(config, "registrar.arm.retry.base-delay", "registrar.arm.retry.max-delay", problems);
        atMost(config, "registrar.drift.max-removals", MOST_REMOVALS, "the most a budget of 24 hours holds", problems);
        if (!problems.isEmpty()) {
            throw new InvalidSettingException(String.join(System.lineSeparator(), problems));
        }
    }

    private static Optional<?> value(SmallRyeConfig config, Setting setting) {
        if (setting.type() != Duration.class && setting.type() != Integer.class && setting.type() != URI.class
                && setting.type() != Path.class) {
            return Optional.empty();
        }
        return config.getOptionalValue(setting.property(), setting.type());
    }

    private static Optional<String> problem(Setting setting, String raw, Object value) {
        if (value instanceof Duration duration && duration.isZero() && MAY_BE_ZERO.contains(setting.property())) {
            return Optional.empty();
        }
        if (value instanceof Duration duration && (duration.isNegative() || duration.isZero())) {
            return Optional.of("'" + raw + "' must be " + (MAY_BE_ZERO.contains(setting.property()) ? "0 or longer"
                    : "longer than zero"));
        }
        if (value instanceof Integer number && number < 0) {
            return Optional.of("'" + raw + "' must not be negative");
        }
        if (value instanceof URI uri && (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null)) {
            return Optional.of("'" + raw + "' is not " + setting.expectation());
        }
        if (value instanceof Path path) {
            Path file = FunctionAppFolder.resolve(path);
            if (!Files.isRegularFile(file)) {
                return Optional.of(file + " is not a file" + (path.isAbsolute() ? ""
                        : " (a relative path is read from the function-app folder, " + FunctionAppFolder.path() + ")"));
            }
        }
        return Optional.empty();
    }

    private static void atLeastOne(SmallRyeConfig config, String property, String zeroWould, List<String> problems) {
        int value = config.getValue(property, Integer.class);
        if (value == 0) {
            problems.add(setting(property).invalid("0 " + zeroWould + "; it must be at least 1"));
        }
    }

    private static void atMost(SmallRyeConfig config, String property, int most, String why, List<String> problems) {
        if (config.getValue(property, Integer.class) > most) {
            problems.add(setting(property).invalid("'" + config.getRawValue(property) + "' is more than " + most + ", "
                    + why));
        }
    }

    private static void notLonger(SmallRyeConfig config, String shorter, String longer, List<String> problems) {
        Duration a = config.getValue(shorter, Duration.class);
        Duration b = config.getValue(longer, Duration.class);
        if (a.compareTo(b) > 0) {
            problems.add(setting(shorter).invalid("'" + config.getRawValue(shorter) + "' is longer than "
                    + setting(longer).variable() + " ('" + config.getRawValue(longer) + "'); it must not be"));
        }
    }

    private static Setting setting(String property) {
        return Settings.byProperty(property).orElseThrow();
    }
}

package com.tenantregistrar.config;

import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Every setting of {@link RegistrarConfig}, derived from the mapping itself, so that a setting added there is
 * validated, explained and held to the documentation without more code.
 */
public final class Settings {

    /** Settings read from a variable other than the one their property name gives. */
    private static final Map<String, String> VARIABLES = Map.of(
            "registrar.managed-identity-client-id", "AZURE_CLIENT_ID",
            "registrar.partner-center.authority-host", "AZURE_AUTHORITY_HOST",
            "registrar.app-service-authentication", "WEBSITE_AUTH_ENABLED",
            "registrar.website-hostname", "WEBSITE_HOSTNAME",
            "registrar.storage.connection-string", "AzureWebJobsStorage",
            "registrar.storage.account-name", "AzureWebJobsStorage__accountName",
            "registrar.storage.blob-service-uri", "AzureWebJobsStorage__blobServiceUri",
            "registrar.storage.table-service-uri", "AzureWebJobsStorage__tableServiceUri",
            "registrar.storage.client-id", "AzureWebJobsStorage__clientId",
            "registrar.telemetry.connection-string", "APPLICATIONINSIGHTS_CONNECTION_STRING");

    /** Documented settings the app does not read itself: the Functions host reads them from function.json. */
    public static final Set<String> READ_BY_THE_HOST = Set.of("REGISTRAR_DRIFT_SCHEDULE");

    private static final List<Setting> ALL = settings();

    private Settings() {
    }

    /**
     * Walks the mapping as SmallRye names it (kebab-case, or {@code @WithName}), through its nested groups, by plain
     * reflection: SmallRye's own model of a mapping is not there in a native executable, these methods are
     * ({@code @RegisterForReflection} on {@link RegistrarConfig} and its nested types).
     */
    private static List<Setting> settings() {
        List<Setting> settings = new ArrayList<>();
        walk(RegistrarConfig.class, RegistrarConfig.class.getAnnotation(ConfigMapping.class).prefix(), settings);
        settings.sort(Comparator.comparing(Setting::variable));
        return List.copyOf(settings);
    }

    private static void walk(Class<?> group, String prefix, List<Setting> settings) {
        for (Method method : group.getMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.getParameterCount() > 0) {
                continue;
            }
            WithName name = method.getAnnotation(WithName.class);
            String property = prefix + "." + (name != null ? name.value() : kebab(method.getName()));
            Class<?> returned = method.getReturnType();
            if (returned.isInterface() && !returned.getName().startsWith("java.")) {
                walk(returned, property, settings);
            } else {
                WithDefault defaultValue = method.getAnnotation(WithDefault.class);
                settings.add(new Setting(property, VARIABLES.getOrDefault(property, variable(property)),
                        valueType(method.getGenericReturnType()),
                        Optional.ofNullable(defaultValue).map(WithDefault::value)));
            }
        }
    }

    /** SmallRye's default naming: {@code maxRemovals} is {@code max-removals}. */
    private static String kebab(String member) {
        return member.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** How the environment spells a property: {@code registrar.arm.max-concurrency} is REGISTRAR_ARM_MAX_CONCURRENCY. */
    private static String variable(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** The type of one value: inside Optional or a collection; primitives boxed. */
    private static Class<?> valueType(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            return raw == Optional.class || Collection.class.isAssignableFrom(raw)
                    ? valueType(parameterized.getActualTypeArguments()[0]) : raw;
        }
        Class<?> raw = (Class<?>) type;
        return raw.isPrimitive() ? MethodType.methodType(raw).wrap().returnType() : raw;
    }

    /** Every setting, by variable name. */
    public static List<Setting> all() {
        return ALL;
    }

    /** Whether the app or the host reads this variable. */
    public static boolean isKnown(String variable) {
        return READ_BY_THE_HOST.contains(variable) || ALL.stream().anyMatch(s -> s.variable().equals(variable));
    }

    /** The setting of a property name such as {@code registrar.arm.max-concurrency}. */
    public static Optional<Setting> byProperty(String property) {
        return ALL.stream().filter(s -> s.property().equals(property)).findFirst();
    }

    /**
     * One setting.
     *
     * @param property its name in the mapping, such as {@code registrar.arm.max-concurrency}
     * @param variable the environment variable users set, such as {@code REGISTRAR_ARM_MAX_CONCURRENCY}
     * @param type the type of its value (of each element, for a list)
     * @param defaultValue the value when it is not set
     */
    public record Setting(String property, String variable, Class<?> type, Optional<String> defaultValue) {

        /** What a valid value looks like, to complete "is not ...". */
        public String expectation() {
            if (type == Duration.class) {
                return "a duration such as 800ms, 30s, 5m or 1h";
            }
            if (type == Integer.class) {
                return "a whole number";
            }
            if (type == Boolean.class) {
                return "true or false";
            }
            if (type.isEnum()) {
                return "one of " + String.join(", ", choices());
            }
            if (type == URI.class) {
                return "an https URL";
            }
            if (type == Path.class) {
                return "the path of a file (a relative path is read from the function-app folder)";
            }
            if (type == Percent.class) {
                return "a percentage from 0% to 100%, such as 10%";
            }
            return "a valid value";
        }

        /** {@code VARIABLE=value} with a valid value: the default, or one of the right kind. */
        public String example() {
            return variable + "=" + defaultValue.orElseGet(() -> {
                if (type == Duration.class) {
                    return "30s";
                }
                if (type == Integer.class) {
                    return "1";
                }
                if (type == Boolean.class) {
                    return "true";
                }
                if (type.isEnum()) {
                    return choices().get(0);
                }
                if (type == URI.class) {
                    return "https://management.azure.com/";
                }
                if (type == Path.class) {
                    return "desired-state.json";
                }
                return "…";
            });
        }

        /** "VARIABLE is invalid: what; for example VARIABLE=value", on one line. */
        public String invalid(String what) {
            return variable + " is invalid: " + what.replaceAll("\\s*\\R\\s*", " ") + "; for example " + example();
        }

        /** The values of an enum setting, as users write them. */
        private List<String> choices() {
            return Arrays.stream(type.getEnumConstants())
                    .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .collect(Collectors.toList());
        }
    }
}

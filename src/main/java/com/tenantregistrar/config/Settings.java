package com.tenantregistrar.config;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.smallrye.config.ConfigMappingInterface.Property;
import io.smallrye.config.ConfigMappings;

/**
 * Every setting of {@link RegistrarConfig}, derived from the mapping itself, so that a setting added there is
 * validated, explained and held to the documentation without more code.
 */
public final class Settings {

    /** Settings read from a variable other than the one their property name gives. */
    private static final Map<String, String> VARIABLES = Map.of(
            "registrar.managed-identity-client-id", "AZURE_CLIENT_ID");

    private static final List<Setting> ALL = ConfigMappings
            .getProperties(ConfigMappings.ConfigClass.configClass(RegistrarConfig.class))
            .entrySet().stream()
            // A list is listed again by its indexed form (name[*]); users write the list.
            .filter(e -> !e.getKey().endsWith("[*]"))
            .map(e -> Setting.of(e.getKey(), e.getValue()))
            .sorted((a, b) -> a.variable().compareTo(b.variable()))
            .toList();

    private Settings() {
    }

    /** Every setting, by variable name. */
    public static List<Setting> all() {
        return ALL;
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

        static Setting of(String property, Property mapped) {
            Property value = mapped.isOptional() ? mapped.asOptional().getNestedProperty() : mapped;
            if (value.isCollection()) {
                value = value.asCollection().getElement();
            }
            Class<?> type = value.isPrimitive() ? value.asPrimitive().getBoxType() : valueType(value.asLeaf().getValueType());
            String variable = VARIABLES.getOrDefault(property,
                    property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT));
            return new Setting(property, variable, type,
                    mapped.hasDefaultValue() ? Optional.of(mapped.getDefaultValue()) : Optional.empty());
        }

        /** The type of the value, inside the Optional a leaf with a converter of its own is declared as. */
        private static Class<?> valueType(Type type) {
            if (type instanceof ParameterizedType parameterized) {
                Type raw = parameterized.getRawType();
                return raw == Optional.class ? valueType(parameterized.getActualTypeArguments()[0]) : (Class<?>) raw;
            }
            return (Class<?>) type;
        }

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

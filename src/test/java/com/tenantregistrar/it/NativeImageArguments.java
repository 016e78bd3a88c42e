package com.tenantregistrar.it;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Quarkus' {@code native-image.args} are written for GraalVM's {@code native-image} driver, which Maven Central does
 * not have: this does the driver's part for the builder ({@code NativeImageGeneratorRunner}) called directly. It
 * splits the builder JVM's options ({@code -J}) from the builder's, turns the driver's API options into the hosted
 * options they stand for, and reads what the class path's jars declare under {@code META-INF/native-image} (their
 * {@code native-image.properties} and configuration files), as the driver would. An option it does not know fails,
 * naming it, rather than being dropped: a Quarkus update that adds one must be looked at.
 */
final class NativeImageArguments {

    private static final String UNLOCK = "-H:+UnlockExperimentalVMOptions";
    private static final String LOCK = "-H:-UnlockExperimentalVMOptions";

    /** The driver's API options with a value, and the hosted option each sets. */
    private static final Map<String, String> VALUED = Map.of(
            "--features", "-H:Features=",
            "--enable-url-protocols", "-H:EnableURLProtocols=",
            "--enable-monitoring", "-H:EnableMonitoringFeatures=",
            "--enable-native-access", "-H:EnableNativeAccess=");

    /** The driver's API options without a value, and the hosted option each sets. */
    private static final Map<String, String> FLAGS = Map.of(
            "--no-fallback", "-H:FallbackThreshold=0",
            // Without a value: every class on the class path must link at build time.
            "--link-at-build-time", "-H:LinkAtBuildTime=");

    /** The configuration files the driver finds in a jar's META-INF/native-image, and the option that loads each. */
    private static final Map<String, String> CONFIGURATION = Map.of(
            "reflect-config.json", "-H:ReflectionConfigurationResources=",
            "proxy-config.json", "-H:DynamicProxyConfigurationResources=",
            "resource-config.json", "-H:ResourceConfigurationResources=",
            "jni-config.json", "-H:JNIConfigurationResources=",
            "serialization-config.json", "-H:SerializationConfigurationResources=",
            "reachability-metadata.json", "-H:ReachabilityMetadataResources=");

    private static final String META_INF = "META-INF/native-image/";

    /**
     * Quarkus' arguments, translated.
     *
     * @param jvm the builder JVM's options (the driver's {@code -J} ones)
     * @param builder the builder's hosted options
     * @param imageName the executable's name
     * @param jar the application jar (its manifest names the main class and the class path)
     * @param excludedConfigs the jars' configuration files the driver is told to skip
     */
    record Translated(List<String> jvm, List<String> builder, String imageName, String jar,
            List<ExcludedConfig> excludedConfigs) {
    }

    /** {@code --exclude-config <jar pattern> <resource pattern>}: a configuration file of a jar not to read. */
    record ExcludedConfig(Pattern jar, Pattern resource) {

        boolean excludes(String jarPath, String entry) {
            return jar.matcher(jarPath).find() && resource.matcher("/" + entry).find();
        }
    }

    private NativeImageArguments() {
    }

    /** The content of {@code native-image.args}: the driver's arguments, separated by white space. */
    static Translated ofArgsFile(String content) {
        List<String> args = Arrays.stream(content.strip().split("\\s+")).toList();
        List<String> jvm = new ArrayList<>();
        List<String> builder = new ArrayList<>();
        List<ExcludedConfig> excluded = new ArrayList<>();
        String name = null;
        String jar = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-jar")) {
                jar = valueAfter(args, i);
                i++;
            } else if (arg.equals("--exclude-config")) {
                excluded.add(new ExcludedConfig(Pattern.compile(valueAfter(args, i)), Pattern.compile(valueAfter(args, i + 1))));
                i += 2;
            } else if (arg.startsWith("-J")) {
                jvm.add(arg.substring(2));
            } else if (!arg.startsWith("-")) {
                name = arg;
            } else {
                builder.addAll(builderOptions(arg));
            }
        }
        if (name == null || jar == null) {
            throw new IllegalArgumentException("native-image.args names no image or no -jar: " + args);
        }
        return new Translated(List.copyOf(jvm), List.copyOf(builder), name, jar, List.copyOf(excluded));
    }

    private static String valueAfter(List<String> args, int i) {
        if (i + 1 >= args.size()) {
            throw new IllegalArgumentException(args.get(i) + " without its value at the end of native-image.args");
        }
        return args.get(i + 1);
    }

    /** One driver option as the builder's hosted options. */
    static List<String> builderOptions(String arg) {
        if (arg.startsWith("-H:")) {
            return List.of(arg);
        }
        int equals = arg.indexOf('=');
        String option = equals < 0 ? arg : arg.substring(0, equals);
        String value = equals < 0 ? "" : arg.substring(equals + 1);
        if (option.equals("--initialize-at-run-time") || option.equals("--initialize-at-build-time")) {
            String when = option.endsWith("run-time") ? ":run_time" : ":build_time";
            return List.of("-H:ClassInitialization=" + Arrays.stream(value.split(","))
                    .map(String::strip).filter(s -> !s.isEmpty()).map(s -> s + when).collect(Collectors.joining(",")));
        }
        if (FLAGS.containsKey(arg)) {
            return List.of(FLAGS.get(arg));
        }
        if (equals > 0 && VALUED.containsKey(option)) {
            return List.of(VALUED.get(option) + value);
        }
        throw new IllegalArgumentException("A native-image driver option this check does not translate: " + arg);
    }

    /**
     * What one jar of the class path declares for the image, as the builder's options: its configuration files (unless
     * excluded) and its {@code native-image.properties}' {@code Args} (their {@code JavaArgs} into {@code jvm}). A
     * library's hosted options may be experimental ones, which the driver allows outside the command line.
     *
     * @param entries the jar's entry names
     * @param properties reads one {@code native-image.properties} entry of the jar
     */
    static List<String> fromJar(String jarPath, List<String> entries, List<ExcludedConfig> excluded,
            EntryReader properties, List<String> jvm) throws IOException {
        List<String> options = new ArrayList<>();
        for (String entry : entries) {
            if (!entry.startsWith(META_INF) || excluded.stream().anyMatch(e -> e.excludes(jarPath, entry))) {
                continue;
            }
            String file = entry.substring(entry.lastIndexOf('/') + 1);
            if (CONFIGURATION.containsKey(file)) {
                options.add(CONFIGURATION.get(file) + entry);
            } else if (file.equals("native-image.properties")) {
                Properties declared = new Properties();
                declared.load(new StringReader(properties.read(entry)));
                for (String arg : words(declared.getProperty("Args"))) {
                    options.addAll(builderOptions(arg));
                }
                words(declared.getProperty("JavaArgs")).forEach(jvm::add);
            }
        }
        if (options.isEmpty()) {
            return List.of();
        }
        List<String> unlocked = new ArrayList<>(List.of(UNLOCK));
        unlocked.addAll(options);
        unlocked.add(LOCK);
        return unlocked;
    }

    private static List<String> words(String value) {
        return value == null || value.isBlank() ? List.of() : List.of(value.strip().split("\\s+"));
    }

    /** Reads one entry of a jar as text. */
    @FunctionalInterface
    interface EntryReader {
        String read(String entry) throws IOException;
    }
}

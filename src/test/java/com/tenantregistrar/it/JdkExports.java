package com.tenantregistrar.it;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Build step of {@code mvn verify -Pnative-check}, run on the builder's JDK: the {@code --add-exports} options that
 * open every package the JDK's modules do not export to GraalVM's builder modules. A GraalVM distribution's JDK has
 * them built in; a stock JDK running the builder from Maven Central needs them on its command line.
 * Arguments: the file to write, then the builder's jars.
 */
public final class JdkExports {

    private JdkExports() {
    }

    public static void main(String[] args) throws IOException {
        Path[] jars = Arrays.stream(args).skip(1).map(Path::of).toArray(Path[]::new);
        Set<String> builderModules = ModuleFinder.of(jars).findAll().stream()
                .map(reference -> reference.descriptor().name()).collect(Collectors.toCollection(TreeSet::new));
        Files.write(Path.of(args[0]), exports(ModuleFinder.ofSystem().findAll().stream()
                .map(ModuleReference::descriptor).toList(), builderModules));
    }

    /** One option per package a module has but does not export to all, to the builder's modules (those skipped). */
    static List<String> exports(List<ModuleDescriptor> modules, Set<String> builderModules) {
        String targets = String.join(",", builderModules);
        return modules.stream()
                // A JDK module the builder replaces (its compiler, on the upgrade module path) is not the JDK's.
                .filter(module -> !builderModules.contains(module.name()))
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .flatMap(module -> {
                    Set<String> exported = module.exports().stream().filter(e -> !e.isQualified())
                            .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
                    return new TreeSet<>(module.packages()).stream().filter(p -> !exported.contains(p))
                            .map(p -> "--add-exports=" + module.name() + "/" + p + "=" + targets);
                })
                .toList();
    }
}

package com.tenantregistrar.it;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Build step of {@code mvn verify -Pnative-check}, run on the builder's JDK: the C headers that a GraalVM distribution
 * ships in {@code lib/svm/clibraries/<platform>/include} and Maven Central does not. The builder compiles a small C
 * program against each to learn the layout of Substrate VM's {@code @CStruct} types and the value of its
 * {@code @CConstant}s, so the headers are derived from those types in the svm jar. Arguments: the include directory,
 * then the builder's jars.
 */
public final class SvmHeaders {

    /** Each header and the Substrate VM types it declares. */
    private static final Map<String, List<String>> HEADERS = Map.of(
            "amd64cpufeatures.h", List.of("com.oracle.svm.core.amd64.AMD64LibCHelper$CPUFeatures"),
            "aarch64cpufeatures.h", List.of("com.oracle.svm.core.aarch64.AArch64LibCHelper$CPUFeatures"),
            "riscv64cpufeatures.h", List.of("com.oracle.svm.core.riscv64.RISCV64LibCHelper$CPUFeatures"),
            "svm_locale.h", List.of("com.oracle.svm.core.c.locale.LocaleCHelper$LocaleProps",
                    "com.oracle.svm.core.c.locale.LocaleCHelper"));

    /** The C type of a {@code @CField} of each Java type. */
    private static final Map<Class<?>, String> C_TYPES = Map.of(boolean.class, "char", byte.class, "char",
            int.class, "int", long.class, "int64_t");

    private SvmHeaders() {
    }

    public static void main(String[] args) throws Exception {
        Path include = Files.createDirectories(Path.of(args[0]));
        URL[] jars = Arrays.stream(args).skip(1).map(SvmHeaders::url).toArray(URL[]::new);
        try (URLClassLoader svm = new URLClassLoader(jars, null)) {
            for (Map.Entry<String, List<String>> header : HEADERS.entrySet()) {
                StringBuilder c = new StringBuilder("#include <stdint.h>\n");
                for (String type : header.getValue()) {
                    c.append(declarations(svm, svm.loadClass(type)));
                }
                Files.writeString(include.resolve(header.getKey()), c);
            }
        }
    }

    private static URL url(String jar) {
        try {
            return Path.of(jar).toUri().toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException(jar, e);
        }
    }

    /** A typedef for a {@code @CStruct} type (its {@code @CField}s), a define for each {@code @CConstant}. */
    private static String declarations(ClassLoader svm, Class<?> type) throws ReflectiveOperationException {
        Class<? extends Annotation> struct = annotation(svm, "org.graalvm.nativeimage.c.struct.CStruct");
        Class<? extends Annotation> field = annotation(svm, "org.graalvm.nativeimage.c.struct.CField");
        Class<? extends Annotation> constant = annotation(svm, "org.graalvm.nativeimage.c.constant.CConstant");
        // Declaration order is not reflection's: sorted by name, so the header is the same on every build.
        List<Method> methods = Arrays.stream(type.getDeclaredMethods()).sorted(Comparator.comparing(Method::getName))
                .toList();
        StringBuilder c = new StringBuilder();
        if (type.isAnnotationPresent(struct)) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (Method method : methods) {
                if (method.isAnnotationPresent(field) && method.getParameterCount() == 0) {
                    fields.putIfAbsent(nameOr(method.getAnnotation(field), method.getName()), cType(method.getReturnType()));
                }
            }
            c.append("typedef struct {\n");
            fields.forEach((name, cType) -> c.append("  ").append(cType).append(' ').append(name).append(";\n"));
            c.append("} ").append(nameOr(type.getAnnotation(struct), type.getSimpleName())).append(";\n");
        }
        int value = 0;
        for (Method method : methods) {
            if (method.isAnnotationPresent(constant)) {
                // The object file is never linked nor run here: a constant only needs a value, distinct from the
                // others of its type, since the Java code tells them apart (a locale's success from its failure).
                c.append("#define ").append(nameOr(method.getAnnotation(constant), method.getName())).append(' ')
                        .append(value++).append('\n');
            }
        }
        return c.toString();
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Annotation> annotation(ClassLoader svm, String name) throws ClassNotFoundException {
        return (Class<? extends Annotation>) svm.loadClass(name);
    }

    private static String nameOr(Annotation annotation, String fallback) throws ReflectiveOperationException {
        String name = (String) annotation.annotationType().getMethod("value").invoke(annotation);
        return name.isEmpty() ? fallback : name;
    }

    private static String cType(Class<?> javaType) {
        // A word type (a pointer, CCharPointer) otherwise.
        return C_TYPES.getOrDefault(javaType, "char*");
    }
}

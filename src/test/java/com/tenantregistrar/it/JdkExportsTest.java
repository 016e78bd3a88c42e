package com.tenantregistrar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.module.ModuleDescriptor;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

class JdkExportsTest {

    @Test
    void everyPackageNotExportedToAllIsExportedToTheBuildersModulesExceptTheModulesItReplaces() {
        ModuleDescriptor base = ModuleDescriptor.newModule("java.base").packages(Set.of("java.lang", "jdk.internal.misc",
                "sun.nio.ch")).exports("java.lang").exports("sun.nio.ch", Set.of("jdk.net")).build();
        ModuleDescriptor compiler = ModuleDescriptor.newModule("jdk.graal.compiler").packages(Set.of("jdk.graal.hidden"))
                .build();
        assertEquals(List.of("--add-exports=java.base/jdk.internal.misc=builder,jdk.graal.compiler",
                "--add-exports=java.base/sun.nio.ch=builder,jdk.graal.compiler"),
                JdkExports.exports(List.of(compiler, base), new TreeSet<>(Set.of("jdk.graal.compiler", "builder"))));
    }
}

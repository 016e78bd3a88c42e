package com.tenantregistrar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class NativeImageArgumentsTest {

    private static final String ARGS = "-J-Dfile.encoding=UTF-8 -H:+UnlockExperimentalVMOptions -H:IncludeLocales=en "
            + "-H:-UnlockExperimentalVMOptions --enable-native-access=ALL-UNNAMED -J--add-opens=java.base/java.io=ALL-UNNAMED "
            + "--features=a.F,b.G --initialize-at-run-time=com.example.Late --no-fallback --link-at-build-time "
            + "--enable-url-protocols=http,https --enable-monitoring=heapdump,threaddump --exclude-config "
            + "io\\.netty\\.netty-codec /META-INF/native-image/io\\.netty/netty-codec/generated/handlers/reflect-config\\.json "
            + "app-runner -jar app-runner.jar\n";

    @Test
    void theDriversOptionsBecomeTheBuildersAndTheJvmOptionsAreSplitOff() {
        NativeImageArguments.Translated translated = NativeImageArguments.ofArgsFile(ARGS);
        assertEquals(List.of("-Dfile.encoding=UTF-8", "--add-opens=java.base/java.io=ALL-UNNAMED"), translated.jvm());
        assertEquals(List.of("-H:+UnlockExperimentalVMOptions", "-H:IncludeLocales=en", "-H:-UnlockExperimentalVMOptions",
                "-H:EnableNativeAccess=ALL-UNNAMED", "-H:Features=a.F,b.G",
                "-H:ClassInitialization=com.example.Late:run_time", "-H:FallbackThreshold=0", "-H:LinkAtBuildTime=",
                "-H:EnableURLProtocols=http,https", "-H:EnableMonitoringFeatures=heapdump,threaddump"),
                translated.builder());
        assertEquals("app-runner", translated.imageName());
        assertEquals("app-runner.jar", translated.jar());
        assertEquals(1, translated.excludedConfigs().size());
    }

    @Test
    void anOptionTheCheckDoesNotKnowFailsNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NativeImageArguments.ofArgsFile("--gc=G1 app -jar app.jar"));
        assertTrue(e.getMessage().contains("--gc=G1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NativeImageArguments.ofArgsFile("app -jar"));
    }

    @Test
    void aJarsDeclarationsAreReadUnlessExcluded() throws IOException {
        String netty = "META-INF/native-image/io.netty/netty-codec/";
        Map<String, String> jar = Map.of(netty + "native-image.properties",
                "Args = --initialize-at-build-time=io.netty \\\n   --initialize-at-run-time=io.netty.A,io.netty.B\n"
                        + "JavaArgs = -Dio.netty.x=1\n");
        List<String> jvm = new ArrayList<>();
        List<String> options = NativeImageArguments.fromJar("lib/io.netty.netty-codec-4.1.jar",
                List.of("io/netty/A.class", netty + "native-image.properties", netty + "proxy-config.json",
                        netty + "generated/handlers/reflect-config.json", netty + "README.txt"),
                NativeImageArguments.ofArgsFile(ARGS).excludedConfigs(), jar::get, jvm);
        assertEquals(List.of("-H:+UnlockExperimentalVMOptions", "-H:ClassInitialization=io.netty:build_time",
                "-H:ClassInitialization=io.netty.A:run_time,io.netty.B:run_time",
                "-H:DynamicProxyConfigurationResources=" + netty + "proxy-config.json",
                "-H:-UnlockExperimentalVMOptions"), options);
        assertEquals(List.of("-Dio.netty.x=1"), jvm);
    }

    @Test
    void aJarDeclaringNothingAddsNothing() throws IOException {
        assertEquals(List.of(), NativeImageArguments.fromJar("lib/plain.jar", List.of("a/B.class", "META-INF/MANIFEST.MF"),
                List.of(), entry -> "", new ArrayList<>()));
    }
}

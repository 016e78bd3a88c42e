package com.tenantregistrar.emulator;

import com.tenantregistrar.RegistrarApplication;

/**
 * What {@code mvn -Plocal} runs: Azurite on free loopback ports, then the app in dev mode (with its embedded emulated
 * Azure), whose AzureWebJobsStorage points at that Azurite. Azurite stops with the app.
 */
public final class LocalApp {

    private LocalApp() {
    }

    public static void main(String... args) throws Exception {
        Azurite azurite = Azurite.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                azurite.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        System.setProperty("AzureWebJobsStorage", azurite.connectionString());
        RegistrarApplication.main(args);
    }
}

package com.tenantregistrar;

import com.tenantregistrar.config.StartupFailures;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The app's entry point. Run from the built package it starts the function app; run from the compiled classes
 * (as {@code mvn -Plocal} does, with the test sources' emulator compiled beside them) Quarkus starts it in dev mode,
 * on the emulated Azure.
 */
@QuarkusMain
public class RegistrarApplication {

    public static void main(String... args) {
        // A wrong setting ends start-up with one line naming it, not Quarkus' report of the mapping.
        Quarkus.run(null, StartupFailures::exit, args);
    }
}

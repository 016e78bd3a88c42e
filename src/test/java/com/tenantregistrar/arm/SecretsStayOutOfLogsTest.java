package com.tenantregistrar.arm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.emulator.Fault;

import io.quarkus.test.junit.QuarkusTest;

/** Neither an access token nor the identity endpoint's secret ever reaches a log, whatever the outcome. */
@QuarkusTest
class SecretsStayOutOfLogsTest extends EmulatedArmTest {

    @ConfigProperty(name = "registrar.emulator.identity-header")
    String identityHeader;

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringWriter text = new StringWriter();
            text.append(String.valueOf(record.getMessage()));
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    text.append(' ').append(String.valueOf(parameter));
                }
            }
            if (record.getThrown() != null) {
                record.getThrown().printStackTrace(new PrintWriter(text));
            }
            logged.add(text.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLogs() {
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void noTokenOrIdentitySecretIsLogged() {
        json(registerBody(SUBSCRIPTION, TENANT)).post("/registerCustomer").then().statusCode(200);
        arm.inject(Fault.error("PUT", SUBSCRIPTION, 401, "InvalidAuthenticationToken", 1));
        arm.inject(Fault.error("DELETE", SUBSCRIPTION, 500, "InternalServerError", -1));
        json(registerBody(SUBSCRIPTION, TENANT, "east")).post("/registerCustomer").then().statusCode(403);
        json(removeBody(SUBSCRIPTION, "east")).post("/removeCustomer").then().statusCode(502);

        List<String> secrets = new java.util.ArrayList<>(arm.issuedTokens());
        assertFalse(secrets.isEmpty());
        secrets.add(identityHeader);
        assertTrue(logged.size() > 0, "the failures were logged");
        for (String line : logged) {
            for (String secret : secrets) {
                assertFalse(line.contains(secret), "a secret reached the log: " + line);
            }
        }
    }
}

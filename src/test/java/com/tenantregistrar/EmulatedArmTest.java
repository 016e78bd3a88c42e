package com.tenantregistrar;

import static io.restassured.RestAssured.given;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;

import com.tenantregistrar.drift.StoredDriftState;
import com.tenantregistrar.emulator.EmulatorState;
import com.tenantregistrar.emulator.EmulatorState.ArmRequest;
import com.tenantregistrar.registration.Registration;
import com.tenantregistrar.registration.RegistrationCatalog;
import com.tenantregistrar.storage.StateStorage;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Base of the tests that call the app over HTTP while it talks to the emulated ARM and identity endpoint
 * (application.properties, %test): the emulator, and the drift check's stored state, start empty for each test.
 */
public abstract class EmulatedArmTest {

    /** The spec examples' customer subscription and tenant. */
    protected static final String SUBSCRIPTION = "e09a4e93-29a7-4eba-a6d4-76202383f07f";
    protected static final String TENANT = "dbab3982-796f-4d03-9908-044c08aef8a2";

    @Inject
    protected EmulatorState arm;

    @Inject
    protected RegistrationCatalog catalog;

    @Inject
    protected StateStorage storage;

    @BeforeEach
    void resetEmulator() {
        arm.reset();
        StoredDriftState.clear(storage);
    }

    protected Registration east() {
        return catalog.byAlias("east");
    }

    protected Registration west() {
        return catalog.byAlias("west");
    }

    /** The requests the emulated ARM received in this test. */
    protected List<ArmRequest> armCalls() {
        return arm.requests();
    }

    /** The requests of {@code method} (such as {@code PUT}) the emulated ARM received in this test. */
    protected List<ArmRequest> armCalls(String method) {
        return arm.requests().stream().filter(request -> request.method().equals(method)).toList();
    }

    protected static RequestSpecification json(String body) {
        return given().contentType(ContentType.JSON).body(body);
    }

    protected static String registerBody(String subscription, String tenant, String... registrations) {
        return "{\"customerSubscriptionId\":\"" + subscription + "\",\"tenantId\":\"" + tenant + "\""
                + registrationsMember(registrations) + "}";
    }

    protected static String removeBody(String subscription, String... registrations) {
        return "{\"customerSubscriptionId\":\"" + subscription + "\"" + registrationsMember(registrations) + "}";
    }

    private static String registrationsMember(String... registrations) {
        return registrations.length == 0 ? ""
                : ",\"registrations\":[\"" + String.join("\",\"", registrations) + "\"]";
    }
}

package com.tenantregistrar.journal;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import com.azure.data.tables.models.TableEntity;

import io.restassured.path.json.JsonPath;

/**
 * Reads the change journal through {@code GET /listChanges}, waiting for records stored in the background; and
 * gives a record's table entity as the app writes it, to store one of a time the app cannot write now (an old month).
 */
public final class Journal {

    /** The journal's table. */
    public static final String TABLE = ChangeJournal.TABLE;
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private Journal() {
    }

    /** A GUID no other test uses, so that tests sharing one Azurite do not see each other's records. */
    public static String uniqueGuid() {
        return UUID.randomUUID().toString();
    }

    /** {@code change} as the app stores it: its table entity, keys included. */
    public static TableEntity entity(Change change) {
        return change.toEntity();
    }

    /** The first page of {@code GET /listChanges?<query>} (200 expected). */
    public static JsonPath page(String query) {
        return given().get("/listChanges?" + query).then().statusCode(200).extract().jsonPath();
    }

    /** The records of the first page for {@code query}. */
    public static List<Map<String, Object>> changes(String query) {
        return page(query).getList("changes");
    }

    /**
     * The records for {@code query} once {@code done} holds of them: the journal stores in the background, so a
     * test waits for what it expects (and fails, with what it saw, if that never comes).
     */
    public static List<Map<String, Object>> await(String query, Predicate<List<Map<String, Object>>> done) {
        long end = System.nanoTime() + PATIENCE.toNanos();
        List<Map<String, Object>> changes = changes(query);
        while (!done.test(changes)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("listChanges?" + query + " never showed what the test waits for: " + changes);
            }
            sleep();
            changes = changes(query);
        }
        return changes;
    }

    /** Waits until {@code condition} holds. */
    public static void until(String what, java.util.function.BooleanSupplier condition) {
        long end = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("never happened: " + what);
            }
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

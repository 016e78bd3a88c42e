package com.tenantregistrar.coverage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;

/**
 * Serves {@code GET /ui}: the coverage page, one self-contained HTML document made at start-up of the files in
 * {@value #FOLDER} (its style and script inlined), with a Content-Security-Policy that allows exactly that style and
 * that script (by their SHA-256) and requests to this app alone. One document, because the Functions host asks for
 * the function key on every request: the page gets it once, from its own URL ({@code ?code=}), and sends it to the
 * JSON functions it reads in {@code x-functions-key}.
 */
@ApplicationScoped
public class CoveragePageRoute {

    static final String FOLDER = "coverage-page/";
    static final String PATH = "/ui";

    void register(@Observes Router router) {
        Page page = Page.assemble(read("page.html"), read("page.css"), read("page.js"));
        Buffer document = Buffer.buffer(page.html());
        // Before Funqy's catch-all route, which would take "ui" for an unknown function.
        router.get(PATH).order(-100).handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Content-Security-Policy", page.policy())
                .putHeader("X-Content-Type-Options", "nosniff")
                // The page's URL carries the function key: never sent on in a Referer, nor cached.
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Cache-Control", "no-store")
                .end(document));
    }

    /** The document and the policy that admits its inline style and script only. */
    record Page(String html, String policy) {

        static Page assemble(String html, String css, String js) {
            return new Page(html.replace("/*STYLE*/", css).replace("/*SCRIPT*/", js),
                    "default-src 'none'; script-src '" + sha256(js) + "'; style-src '" + sha256(css) + "'; "
                            + "connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; "
                            + "frame-ancestors 'none'");
        }

        private static String sha256(String text) {
            try {
                return "sha256-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                        .digest(text.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }
    }

    private static String read(String name) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException(FOLDER + name + " is missing from the application's resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package com.tenantregistrar.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The project's documentation as the tests read it: README.md and the files of docs/, wherever a section now lives.
 * A test names the section it checks by its heading, so moving a section to another file does not blind it.
 */
public final class Documentation {

    /** The figures {@code mvn -Pbench} writes: measured output, not documentation a test holds the code to. */
    private static final Path FIGURES = Path.of("docs", "benchmarks.md");
    private static final Pattern HEADING = Pattern.compile("(#{1,6}) +(.+)");

    private Documentation() {
    }

    /** README.md, then every Markdown file of docs/ by name. */
    public static List<Path> files() {
        List<Path> files = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The text of every documentation file but the benchmark figures, one after the other. */
    public static String text() {
        return prose().stream().map(Documentation::read).collect(Collectors.joining("\n\n"));
    }

    private static List<Path> prose() {
        return files().stream().filter(p -> !p.equals(FIGURES)).toList();
    }

    /**
     * The section under {@code heading} (any level), up to the next heading of its level or above, in whichever file
     * holds it (the benchmark figures aside); fails unless exactly one file does.
     */
    public static String section(String heading) {
        List<String> found = new ArrayList<>();
        for (Path file : prose()) {
            List<String> lines = read(file).lines().toList();
            int level = 0;
            List<String> section = new ArrayList<>();
            boolean fenced = false;
            for (String line : lines) {
                fenced ^= line.startsWith("```");
                Matcher m = fenced ? null : HEADING.matcher(line);
                if (m != null && m.matches()) {
                    if (level > 0 && m.group(1).length() <= level) {
                        break;
                    }
                    if (level == 0 && m.group(2).strip().equals(heading)) {
                        level = m.group(1).length();
                    }
                }
                if (level > 0) {
                    section.add(line);
                }
            }
            if (level > 0) {
                found.add(String.join("\n", section));
            }
        }
        assertEquals(1, found.size(), "the documentation has one section '" + heading + "'");
        return found.get(0);
    }

    /** The anchors of a file's headings, as GitHub makes them (a repeated one gets -1, -2, …). */
    public static Set<String> anchors(Path file) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : read(file).lines().toList()) {
            fenced ^= line.startsWith("```");
            Matcher m = HEADING.matcher(line);
            if (!fenced && m.matches()) {
                String anchor = anchor(m.group(2));
                int times = seen.merge(anchor, 1, Integer::sum);
                anchors.add(times == 1 ? anchor : anchor + "-" + (times - 1));
            }
        }
        return anchors;
    }

    /** GitHub's anchor of a heading: lower case, punctuation dropped, each space a hyphen. */
    public static String anchor(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package com.tenantregistrar.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every relative link of README.md and docs/ leads somewhere: to a file that exists and, with a {@code #anchor}, to a
 * heading of that file, by GitHub's rules. A section moved or renamed without its links fails here.
 */
class DocumentationLinksTest {

    /** A Markdown link or image: {@code [text](target)} or {@code [text](target "title")}. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern SCHEME = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*:.*");

    /** The relative links of a file, outside code blocks and code spans. */
    static List<String> links(Path file) {
        List<String> links = new ArrayList<>();
        boolean fenced = false;
        for (String line : Documentation.read(file).lines().toList()) {
            fenced ^= line.startsWith("```");
            if (fenced || line.startsWith("```")) {
                continue;
            }
            for (Matcher m = LINK.matcher(line.replaceAll("`[^`]*`", "``")); m.find();) {
                if (!SCHEME.matcher(m.group(1)).matches()) {
                    links.add(m.group(1));
                }
            }
        }
        return links;
    }

    /** What is wrong with each relative link of a file that leads nowhere. */
    static List<String> broken(Path file) {
        List<String> broken = new ArrayList<>();
        for (String link : links(file)) {
            int hash = link.indexOf('#');
            String path = hash < 0 ? link : link.substring(0, hash);
            Path target = path.isEmpty() ? file : file.toAbsolutePath().getParent().resolve(path).normalize();
            if (!Files.exists(target)) {
                broken.add(file + ": " + link + ": no file " + target);
            } else if (hash >= 0 && !Documentation.anchors(target).contains(link.substring(hash + 1))) {
                broken.add(file + ": " + link + ": no heading of " + target.getFileName() + " has that anchor");
            }
        }
        return broken;
    }

    @Test
    void everyRelativeLinkLeadsToAFileAndAHeading() {
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path file : Documentation.files()) {
            links += links(file).size();
            broken.addAll(broken(file));
        }
        assertEquals(List.of(), broken);
        assertTrue(links > 50, "the links were read: " + links);
    }

    @Test
    void theReadmeLinksEveryFileOfDocs() {
        List<String> readme = links(Path.of("README.md"));
        for (Path file : Documentation.files().subList(1, Documentation.files().size())) {
            assertTrue(readme.stream().anyMatch(link -> link.startsWith("docs/" + file.getFileName())),
                    "README.md links " + file);
        }
    }

    @Test
    void aMissingFileOrAnchorIsReported(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("other.md"), "# Other\n\n## Its part\n");
        Path doc = dir.resolve("doc.md");
        Files.writeString(doc, """
                # Doc

                ## A section, with `code` (and punctuation)!

                [fine](#a-section-with-code-and-punctuation) [fine](other.md#its-part) [fine](other.md)
                [gone](missing.md) [wrong](other.md#its-whole) [wrong](#a-section) `[in code](nowhere.md)`
                [web](https://example.com/x)

                ```
                [in a block](nowhere.md)
                ```
                """);
        List<String> broken = broken(doc);
        assertEquals(3, broken.size(), broken.toString());
        assertTrue(broken.get(0).contains("missing.md: no file"), broken.toString());
        assertTrue(broken.get(1).contains("other.md#its-whole: no heading"), broken.toString());
        assertTrue(broken.get(2).contains("#a-section: no heading"), broken.toString());
    }

    @Test
    void anchorsAreGitHubs() {
        assertEquals("the-local-emulator-emulator-package-in-the-test-sources",
                Documentation.anchor("The local emulator (`emulator` package, in the test sources)"));
        assertEquals("native-executable-and-start-up", Documentation.anchor("Native executable and start-up"));
    }
}

package org.mashgateway;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code, checked on every build: no two packages depend on each other (directly or
 * round a longer loop), and only the {@code delivery} package writes the delivery outbox and its
 * history, so that every change of a delivery's state is made, and recorded, in one place.
 */
class ArchitectureTest {

    private static final Path MAIN_SOURCES = Path.of("src", "main", "java", "org", "mashgateway");

    /** An SQL statement that changes a table, and the table it changes. */
    private static final Pattern WRITE = Pattern.compile(
            "(?i)\\b(?:INSERT\\s+INTO|UPDATE|DELETE\\s+FROM|MERGE\\s+INTO)\\s+([a-z_]+)\\b");

    private static final List<String> OUTBOX_TABLES = List.of("delivery", "delivery_event");

    @Test
    void no_package_depends_on_itself_round_a_loop() {
        JavaClasses gateway = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.mashgateway");

        slices().matching("org.mashgateway.(*)..").should().beFreeOfCycles().check(gateway);
    }

    @Test
    void only_the_delivery_package_writes_the_outbox() throws IOException {
        List<String> writers = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(MAIN_SOURCES)) {
            for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                if (source.startsWith(MAIN_SOURCES.resolve("delivery"))) {
                    continue;
                }
                Matcher write = WRITE.matcher(Files.readString(source));
                while (write.find()) {
                    if (OUTBOX_TABLES.contains(write.group(1).toLowerCase())) {
                        writers.add(MAIN_SOURCES.relativize(source) + ": " + write.group());
                    }
                }
            }
        }

        assertThat(writers).as("statements outside the delivery package that write the outbox").isEmpty();
    }

    @Test
    void the_outbox_check_sees_a_write_when_there_is_one() {
        // The check above is only worth something if its pattern matches the statements it hunts.
        assertThat(WRITE.matcher("jdbc.sql(\"UPDATE delivery SET status = 'ACKNOWLEDGED'").find()).isTrue();
        assertThat(WRITE.matcher("\"INSERT INTO delivery_event (delivery_id").results().map(m -> m.group(1)))
                .containsExactly("delivery_event");
        assertThat(WRITE.matcher("SELECT status FROM delivery WHERE delivery_id = ?").find()).isFalse();
        assertThat(WRITE.matcher("the delivery was updated").find()).isFalse();
    }
}

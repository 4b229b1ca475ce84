package org.mashgateway.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.mashgateway.protection.GatewayStatements;
import org.mashgateway.protection.UntrustedMessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The decision record's signed checkpoints, kept outside the database in the directory
 * {@code mash.audit.checkpoint.directory}: one file per checkpoint, created once and never
 * overwritten ({@code checkpoint-<record id>-<time>.pem}), and a copy of the newest as
 * {@value #LATEST}, replaced atomically. Each file is a CMS signature by the gateway's key around the
 * {@link Checkpoint#text() checkpoint text}, which {@code openssl cms -verify} checks and prints.
 * Other copies (mail to the admins) follow the {@link CheckpointMade} event.
 */
@Component
public class Checkpoints {

    /** The newest checkpoint, the one verification checks the chain against. */
    static final String LATEST = "latest.pem";

    private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Path directory;
    private final GatewayStatements statements;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Checkpoints(@Value("${mash.audit.checkpoint.directory}") Path directory, GatewayStatements statements, Clock clock,
            ApplicationEventPublisher events) {
        this.directory = directory;
        this.statements = statements;
        this.clock = clock;
        this.events = events;
    }

    /**
     * What verification finds in the checkpoint directory: nothing yet, a checkpoint the gateway
     * signed, or a file it cannot trust (forged, damaged, or signed with a key the gateway no longer holds).
     *
     * @param trusted   the latest checkpoint when its signature is the gateway's; otherwise null
     * @param untrusted why the latest file is not trusted, a fixed code; null when there is none or it is trusted
     */
    record Latest(Checkpoint trusted, String untrusted) {

        static final Latest NONE = new Latest(null, null);
    }

    /**
     * Signs a checkpoint of this head and writes it, then announces it ({@link CheckpointMade}) for
     * copies elsewhere; the caller has verified the chain up to it.
     */
    Checkpoint write(long recordId, String recordHash) {
        Checkpoint checkpoint = new Checkpoint(recordId, recordHash, clock.instant().truncatedTo(ChronoUnit.MILLIS),
                statements.signer());
        byte[] signed = statements.sign(checkpoint.text());
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve("checkpoint-%012d-%s.pem".formatted(recordId, FILE_TIME.format(checkpoint.madeAt())));
            Files.write(file, signed, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            // Readers see the old latest or the new one, never half a file.
            Path next = Files.createTempFile(directory, "latest-", ".tmp");
            Files.write(next, signed);
            Files.move(next, directory.resolve(LATEST), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            log.info("Audit checkpoint made at record {}: {}", recordId, file.getFileName());
        } catch (IOException e) {
            throw new UncheckedIOException("writing the audit checkpoint failed", e);
        }
        events.publishEvent(new CheckpointMade(checkpoint, signed));
        return checkpoint;
    }

    /**
     * The latest checkpoint, read back and its signature checked.
     *
     * @throws UncheckedIOException when the directory cannot be read: the chain cannot be checked
     *     (which is not the same as broken), and a scheduled run fails and is counted
     */
    Latest latest() {
        byte[] signed;
        try {
            signed = Files.readAllBytes(directory.resolve(LATEST));
        } catch (NoSuchFileException none) {
            return Latest.NONE;
        } catch (IOException e) {
            throw new UncheckedIOException("reading the latest audit checkpoint failed", e);
        }
        try {
            return new Latest(Checkpoint.parse(statements.verifiedContent(signed)), null);
        } catch (UntrustedMessageException e) {
            return new Latest(null, e.reasonCode());
        } catch (IllegalArgumentException e) {
            // Signed by the gateway but not a checkpoint: not something this gateway wrote here.
            return new Latest(null, "NOT_A_CHECKPOINT");
        }
    }
}

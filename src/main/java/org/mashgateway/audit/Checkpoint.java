package org.mashgateway.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A statement of where the decision record's chain stood: its head record and that record's hash,
 * when, and which gateway said so. Signed and written outside the database ({@link Checkpoints}), it
 * lets verification notice a tail that was removed or rewritten together with the head.
 *
 * <p>The text holds ids, hashes, a time and the gateway's own name: nothing personal.
 *
 * @param recordId   the head record's id (0 for an empty record)
 * @param recordHash that record's hash (64 zeros for an empty record)
 * @param madeAt     when the checkpoint was made
 * @param gateway    the gateway that signed it: its certificate's subject
 */
public record Checkpoint(long recordId, String recordHash, Instant madeAt, String gateway) {

    /** The first line of every checkpoint, naming its layout. */
    static final String HEADER = "mash-gateway audit checkpoint v1";

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    public Checkpoint {
        if (recordId < 0 || recordHash == null || !HASH.matcher(recordHash).matches() || madeAt == null
                || gateway == null || gateway.isBlank() || gateway.contains("\n")) {
            throw new IllegalArgumentException("not a checkpoint");
        }
    }

    /** The signed text: one {@code name: value} line each, readable by people and by {@link #parse}. */
    public byte[] text() {
        return (HEADER + "\n"
                + "record-id: " + recordId + "\n"
                + "record-hash: " + recordHash + "\n"
                + "made-at: " + madeAt + "\n"
                + "gateway: " + gateway + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The checkpoint written by {@link #text()}; throws IllegalArgumentException for anything else. */
    static Checkpoint parse(byte[] text) {
        String[] lines = new String(text, StandardCharsets.UTF_8).split("\n");
        if (lines.length != 5 || !HEADER.equals(lines[0])) {
            throw new IllegalArgumentException("not a checkpoint");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(": ");
            if (colon < 0) {
                throw new IllegalArgumentException("not a checkpoint");
            }
            fields.put(lines[i].substring(0, colon), lines[i].substring(colon + 2));
        }
        try {
            return new Checkpoint(Long.parseLong(fields.get("record-id")), fields.get("record-hash"),
                    Instant.parse(fields.get("made-at")), fields.get("gateway"));
        } catch (NumberFormatException | DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("not a checkpoint", e);
        }
    }
}

package org.mashgateway.delivery;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * What a delivery sends, as kept in the message store under its output reference: the mail title,
 * the rendering for people and the minimised XML. Packed as a version byte followed by three
 * length-prefixed fields, so the document's bytes come back exactly as the policy made them.
 * Public so that an auditor's content view can show what a recipient was sent.
 */
public record DeliveryBody(String title, String text, byte[] document) {

    private static final int FORMAT = 1;

    public DeliveryBody {
        document = document.clone();
    }

    @Override
    public byte[] document() {
        return document.clone();
    }

    byte[] pack() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(document.length + text.length() * 2 + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            field(out, title.getBytes(StandardCharsets.UTF_8));
            field(out, text.getBytes(StandardCharsets.UTF_8));
            field(out, document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads a body as {@link #pack()} wrote it, e.g. from the message store under an output reference. */
    public static DeliveryBody unpack(byte[] packed) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(packed))) {
            int format = in.readUnsignedByte();
            if (format != FORMAT) {
                throw new IllegalArgumentException("unknown delivery body format " + format);
            }
            String title = new String(field(in), StandardCharsets.UTF_8);
            String text = new String(field(in), StandardCharsets.UTF_8);
            return new DeliveryBody(title, text, field(in));
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated delivery body", e);
        }
    }

    private static void field(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    private static byte[] field(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("field length out of range");
        }
        return in.readNBytes(length);
    }
}

package org.mashgateway.exchange;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** What is held (encrypted, in the message store) for one casework output until it is sent: text and document. */
record CaseworkBody(String text, byte[] document) {

    CaseworkBody {
        document = document.clone();
    }

    @Override
    public byte[] document() {
        return document.clone();
    }

    byte[] pack() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(document.length + text.length() + 16);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            byte[] textBytes = text.getBytes(StandardCharsets.UTF_8);
            out.writeInt(textBytes.length);
            out.write(textBytes);
            out.write(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static CaseworkBody unpack(byte[] packed) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(packed))) {
            String text = new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
            return new CaseworkBody(text, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

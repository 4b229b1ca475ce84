package org.mashgateway.xml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.assertj.core.api.Assertions;

/** Test documents from {@code src/test/resources} and one shared reader (schemas compile once per run). */
final class Fixtures {

    static final long MAX_BYTES = 1_048_576;
    static final int MAX_DEPTH = 64;
    static final XmlDocuments DOCUMENTS = new XmlDocuments(MAX_BYTES, MAX_DEPTH);

    private Fixtures() {
    }

    static byte[] bytes(String resource) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String resource) {
        return new String(bytes(resource), StandardCharsets.UTF_8);
    }

    static byte[] utf8(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    /** The rejection {@code read} must end in. */
    static DocumentRejectedException rejection(ThrowingCallable read) {
        Throwable thrown = Assertions.catchThrowable(read);
        Assertions.assertThat(thrown).isInstanceOf(DocumentRejectedException.class);
        return (DocumentRejectedException) thrown;
    }

    static DocumentRejectedException rejectionOf(String xml) {
        return rejection(() -> DOCUMENTS.read(utf8(xml)));
    }
}

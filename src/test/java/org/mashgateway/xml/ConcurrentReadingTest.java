package org.mashgateway.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One shared reader serves many threads: each keeps its own parser and validators. */
class ConcurrentReadingTest {

    @Test
    void threadsReadingValidAndInvalidDocumentsAtOnceEachGetTheirOwnVerdict() throws Exception {
        byte[] valid = Fixtures.bytes("samples/da-notification-high.xml");
        byte[] secret = Fixtures.utf8(Fixtures.text("samples/da-notification-high.xml").replace(">OFFICIAL-SENSITIVE<", ">SECRET<"));
        byte[] response = Fixtures.bytes("samples/information-response.xml");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> workers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                workers.add(pool.submit(() -> {
                    int verdicts = 0;
                    for (int i = 0; i < 100; i++) {
                        assertThat(Fixtures.DOCUMENTS.read(valid).type()).isEqualTo(DocumentType.DA_NOTIFICATION);
                        assertThat(Fixtures.rejection(() -> Fixtures.DOCUMENTS.read(secret)).reason())
                                .isEqualTo(RejectionReason.CLASSIFICATION_NOT_PERMITTED);
                        assertThat(Fixtures.DOCUMENTS.read(response).type()).isEqualTo(DocumentType.INFORMATION_RESPONSE);
                        verdicts += 3;
                    }
                    return verdicts;
                }));
            }
            for (Future<Integer> worker : workers) {
                assertThat(worker.get(60, TimeUnit.SECONDS)).isEqualTo(300);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

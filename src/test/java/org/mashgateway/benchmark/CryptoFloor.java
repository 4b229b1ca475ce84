package org.mashgateway.benchmark;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.mashgateway.protection.MessageProtection;
import org.mashgateway.protection.Outgoing;
import org.mashgateway.protection.SecurityLabel;
import org.mashgateway.support.ThisProcess;

/**
 * The crypto floor: what signing and encrypting each notification's outputs costs when threads do
 * nothing else. The gateway's CPU per notification is compared with the floor's in the same run.
 */
final class CryptoFloor {

    static final int THREADS = 2;

    private CryptoFloor() {}

    /**
     * How many notifications' outputs were protected, in how many seconds and with how much CPU time
     * of this process (which must be otherwise idle while the floor runs).
     */
    record Measured(long notifications, double seconds, long cpuNanos) {

        double perSecond() {
            return notifications / seconds;
        }

        double cpuMillisPerNotification() {
            return cpuNanos / 1e6 / notifications;
        }
    }

    /**
     * One output per recipient certificate: the standard notification's XML and a rendering of
     * similar size stand in for each minimised body.
     */
    static List<Outgoing> outputs(List<RecipientKeys> recipients, SecurityLabel label) {
        byte[] xml = Load.standardWorkload().xml().getBytes(StandardCharsets.UTF_8);
        String text = "OFFICIAL-SENSITIVE\n\n" + "Domestic abuse notification for the recipient, minimised. ".repeat(20);
        List<Outgoing> outputs = new ArrayList<>();
        for (RecipientKeys recipient : recipients) {
            outputs.add(new Outgoing(text, xml, "MGW-BENCHMARK.xml", recipient.certificates(), recipient.gcm(), label));
        }
        return outputs;
    }

    /** A recipient's certificates and whether it reads AES-GCM. */
    record RecipientKeys(List<X509Certificate> certificates, boolean gcm) {}

    static Measured measure(MessageProtection protection, List<Outgoing> outputs, Duration length) throws Exception {
        AtomicLong notifications = new AtomicLong();
        long cpuBefore = ThisProcess.cpuNanos();
        long started = System.nanoTime();
        long deadline = started + length.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Long>> running = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                running.add(pool.submit(() -> {
                    long bytes = 0;
                    while (System.nanoTime() < deadline) {
                        for (Outgoing output : outputs) {
                            bytes += protection.protect(output).mimeBytes().length;
                        }
                        notifications.incrementAndGet();
                    }
                    return bytes;
                }));
            }
            for (Future<Long> thread : running) {
                thread.get();
            }
        } finally {
            pool.shutdown();
        }
        return new Measured(notifications.get(), (System.nanoTime() - started) / 1e9, ThisProcess.cpuNanos() - cpuBefore);
    }
}

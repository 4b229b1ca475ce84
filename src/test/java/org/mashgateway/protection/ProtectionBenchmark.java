package org.mashgateway.protection;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Measures what protecting one mail costs: sign + encrypt of a ~3 KB XML document to one recipient,
 * through to the written bytes (Bouncy Castle does the crypto lazily while writing), then opening it.
 * Run with:
 *
 * <pre>
 * ./mvnw -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) org.mashgateway.protection.ProtectionBenchmark 2000
 * </pre>
 */
public final class ProtectionBenchmark {

    private static final int WARM_UP = 500;

    /** CPU time per thread: on a shared machine wall-clock time mostly measures the neighbours. */
    private static final ThreadMXBean THREAD = ManagementFactory.getThreadMXBean();

    private ProtectionBenchmark() {}

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        TestPki.Authority ca = TestPki.authority("Made-up MASH Root");
        TestPki.Party gateway = ca.issue("mash-gateway");
        TestPki.Party agency = ca.issue("Made-up Children's Services");
        SmimeMessageProtection sender = TestPki.protection(gateway, TestPki.CLOCK, ca.certificate());
        SmimeMessageProtection receiver = TestPki.protection(agency, TestPki.CLOCK, ca.certificate());
        byte[] xml = document();
        List<X509Certificate> recipient = List.of(agency.certificate());

        for (boolean gcm : new boolean[] {true, false}) {
            Outgoing outgoing = new Outgoing(ProtectionFixtures.TEXT, xml, "MASH-2026-000123.xml", recipient, gcm,
                    ProtectionFixtures.LABEL);
            long sink = 0;
            for (int i = 0; i < WARM_UP; i++) {
                sink += sender.protect(outgoing).mimeBytes().length;
            }
            long start = System.nanoTime();
            long cpuStart = THREAD.getCurrentThreadCpuTime();
            for (int i = 0; i < iterations; i++) {
                sink += sender.protect(outgoing).mimeBytes().length;
            }
            double protectMs = (System.nanoTime() - start) / 1e6 / iterations;
            double protectCpuMs = (THREAD.getCurrentThreadCpuTime() - cpuStart) / 1e6 / iterations;
            byte[] mail = sender.protect(outgoing).mimeBytes();
            for (int i = 0; i < WARM_UP; i++) {
                sink += receiver.open(mail).xml().length;
            }
            start = System.nanoTime();
            cpuStart = THREAD.getCurrentThreadCpuTime();
            for (int i = 0; i < iterations; i++) {
                sink += receiver.open(mail).xml().length;
            }
            double openMs = (System.nanoTime() - start) / 1e6 / iterations;
            double openCpuMs = (THREAD.getCurrentThreadCpuTime() - cpuStart) / 1e6 / iterations;
            System.out.printf("%s: xml %d bytes, mail %d bytes, %d iterations after %d warm-up: "
                            + "sign+encrypt %.3f ms/mail (CPU %.3f), decrypt+verify %.3f ms/mail (CPU %.3f) [checksum %d]%n",
                    gcm ? "AES-256-GCM AuthEnvelopedData" : "AES-256-CBC EnvelopedData",
                    xml.length, mail.length, iterations, WARM_UP, protectMs, protectCpuMs, openMs, openCpuMs, sink);
        }
    }

    /** A made-up notification of about 3 KB. */
    private static byte[] document() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<Notification xmlns=\"urn:mash-gateway:test:1\" version=\"1.0\">\n"
                + "  <Reference>MASH-2026-000123</Reference>\n  <Classification>OFFICIAL-SENSITIVE</Classification>\n");
        int person = 0;
        while (xml.length() < 3000) {
            person++;
            xml.append("  <Person><Name>Made-up Person ").append(person)
                    .append("</Name><DateOfBirth>2015-0").append(person % 9 + 1)
                    .append("-1").append(person % 9).append("</DateOfBirth>")
                    .append("<Address>").append(person).append(" Example Street, Exampletown, EX1 2MP</Address></Person>\n");
        }
        xml.append("</Notification>\n");
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }
}

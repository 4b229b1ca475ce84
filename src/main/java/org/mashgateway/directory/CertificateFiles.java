package org.mashgateway.directory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.mashgateway.directory.DirectorySource.FileStamp;

/**
 * Reads the partner certificates a directory names. Each file is parsed once per load however many
 * entries share it (a CSV of 25,000 schools may point them all at a few files), and a file whose
 * stamp has not changed since the previous load is not parsed again at all.
 */
final class CertificateFiles {

    private final Map<String, Parsed> previous;
    private final Map<String, Parsed> current = new HashMap<>();
    private final Map<Path, FileStamp> readStamps;
    private final CertificateFactory factory;

    /**
     * @param previous what the last successful load parsed, reused where the file is unchanged
     * @param readStamps where the stamp of every file read is recorded, so that the poller can watch it
     */
    CertificateFiles(Map<String, Parsed> previous, Map<Path, FileStamp> readStamps) {
        this.previous = previous;
        this.readStamps = readStamps;
        try {
            this.factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException impossible) {
            throw new IllegalStateException("every Java runtime provides X.509 certificates", impossible);
        }
    }

    /**
     * The one X.509 certificate in the file at {@code location}; {@code entry} names the directory
     * entry for messages.
     */
    X509Certificate read(String location, String entry) {
        if (location == null || location.isBlank()) {
            throw new DirectoryLoadException(entry + ": a certificate location is empty");
        }
        DirectorySource source;
        try {
            source = DirectorySource.of(location.strip());
        } catch (IllegalArgumentException unusable) {
            throw new DirectoryLoadException(entry + ": a certificate location is not a usable path or file URI");
        }
        String key = source.key();
        Parsed done = current.get(key);
        if (done != null) {
            return done.certificate();
        }
        FileStamp stamp = source.stamp().orElse(null);
        if (stamp != null) {
            readStamps.put(source.path(), stamp);
        }
        Parsed before = previous.get(key);
        Parsed parsed = stamp != null && before != null && stamp.equals(before.stamp())
                ? before
                : new Parsed(stamp, parse(source, entry));
        current.put(key, parsed);
        return parsed.certificate();
    }

    /** Everything parsed in this load, for the next load to reuse. */
    Map<String, Parsed> parsed() {
        return Map.copyOf(current);
    }

    private X509Certificate parse(DirectorySource source, String entry) {
        Collection<? extends Certificate> found;
        try (InputStream in = source.open()) {
            found = factory.generateCertificates(in);
        } catch (IOException e) {
            throw new DirectoryLoadException(entry + ": certificate " + source.location()
                    + " cannot be read (" + e.getClass().getSimpleName() + ")");
        } catch (CertificateException e) {
            throw new DirectoryLoadException(entry + ": certificate " + source.location()
                    + " is not a PEM or DER X.509 certificate");
        }
        if (found.size() != 1) {
            throw new DirectoryLoadException(entry + ": certificate " + source.location() + " holds " + found.size()
                    + " certificates; put exactly one in each file and list several files for a rollover");
        }
        Certificate certificate = found.iterator().next();
        if (!(certificate instanceof X509Certificate x509)) {
            throw new DirectoryLoadException(entry + ": certificate " + source.location() + " is not X.509");
        }
        return x509;
    }

    /** A parsed certificate file and the stamp it had when read (null for a classpath resource in a jar). */
    record Parsed(FileStamp stamp, X509Certificate certificate) {}
}

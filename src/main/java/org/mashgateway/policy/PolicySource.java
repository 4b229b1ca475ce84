package org.mashgateway.policy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.springframework.core.io.ClassPathResource;

/**
 * Where the policy file is read from, as configured in {@code mash.policy}: {@code classpath:name},
 * {@code file:path} or a plain path. A classpath resource inside a jar cannot change and is not watched.
 */
record PolicySource(String location, Path path, ClassPathResource classpathResource) {

    private static final String CLASSPATH = "classpath:";
    private static final String FILE = "file:";

    static PolicySource of(String location) {
        if (location.startsWith(CLASSPATH)) {
            ClassPathResource resource = new ClassPathResource(location.substring(CLASSPATH.length()));
            Path file = null;
            try {
                file = resource.isFile() ? resource.getFile().toPath().toAbsolutePath().normalize() : null;
            } catch (IOException notAFile) {
                // packed in a jar: read through the class loader and never watched
            }
            return new PolicySource(location, file, resource);
        }
        if (location.startsWith(FILE)) {
            String rest = location.substring(FILE.length());
            Path path = rest.startsWith("//") ? Path.of(URI.create(location)) : Path.of(rest);
            return new PolicySource(location, path.toAbsolutePath().normalize(), null);
        }
        return new PolicySource(location, Path.of(location).toAbsolutePath().normalize(), null);
    }

    InputStream open() throws IOException {
        return path != null ? Files.newInputStream(path) : classpathResource.getInputStream();
    }

    /** Last-modified time and size now; empty when the policy is not a file on disk. */
    Optional<Stamp> stamp() {
        if (path == null) {
            return Optional.empty();
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return Optional.of(new Stamp(attributes.lastModifiedTime(), attributes.size()));
        } catch (IOException missing) {
            return Optional.of(Stamp.MISSING);
        }
    }

    /** A file's modification stamp; a missing file has its own, so deleting it counts as a change. */
    record Stamp(FileTime lastModified, long size) {
        static final Stamp MISSING = new Stamp(FileTime.fromMillis(0), -1);
    }
}

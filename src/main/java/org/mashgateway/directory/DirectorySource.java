package org.mashgateway.directory;

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
 * A file the directory is read from (the YAML, the schools CSV or a certificate), named as in
 * configuration: {@code classpath:name}, {@code file:path} or a plain path. Relative paths are
 * taken from the working directory, which for the demo is the project root.
 *
 * @param location the name as configured, used in messages
 * @param path the file on disk, or null for a classpath resource packed in a jar
 * @param classpathResource the resource for a {@code classpath:} location, otherwise null
 */
record DirectorySource(String location, Path path, ClassPathResource classpathResource) {

    private static final String CLASSPATH = "classpath:";
    private static final String FILE = "file:";

    /** @throws IllegalArgumentException if the location is not a usable path or file URI */
    static DirectorySource of(String location) {
        if (location.startsWith(CLASSPATH)) {
            ClassPathResource resource = new ClassPathResource(location.substring(CLASSPATH.length()));
            return new DirectorySource(location, fileOf(resource), resource);
        }
        if (location.startsWith(FILE)) {
            String rest = location.substring(FILE.length());
            Path path = rest.startsWith("//") ? Path.of(URI.create(location)) : Path.of(rest);
            return new DirectorySource(location, path.toAbsolutePath().normalize(), null);
        }
        return new DirectorySource(location, Path.of(location).toAbsolutePath().normalize(), null);
    }

    /**
     * A classpath resource that is a plain file (running from an IDE or target/classes) can change
     * and is watched.
     */
    private static Path fileOf(ClassPathResource resource) {
        try {
            return resource.isFile() ? resource.getFile().toPath().toAbsolutePath().normalize() : null;
        } catch (IOException notAFile) {
            return null;
        }
    }

    InputStream open() throws IOException {
        return path != null ? Files.newInputStream(path) : classpathResource.getInputStream();
    }

    /** The key under which this source is cached and watched: one per file however it is named. */
    String key() {
        return path != null ? path.toString() : location;
    }

    /** The file's modification stamp now, empty when it is not a file on disk and so cannot change. */
    Optional<FileStamp> stamp() {
        if (path == null) {
            return Optional.empty();
        }
        return Optional.of(FileStamp.of(path));
    }

    /**
     * Last-modified time and size of a file; a missing file has its own stamp so that deleting it
     * counts as a change.
     */
    record FileStamp(FileTime lastModified, long size) {

        static final FileStamp MISSING = new FileStamp(FileTime.fromMillis(0), -1);

        static FileStamp of(Path path) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                return new FileStamp(attributes.lastModifiedTime(), attributes.size());
            } catch (IOException missingOrUnreadable) {
                return MISSING;
            }
        }
    }
}

package org.mashgateway.scheduling;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/**
 * This node's name among the gateway's nodes on one database: the name its delivery claims and its
 * leases on scheduled work are held under. {@code mash.delivery.node-id} when set, else the host
 * name and the data directory (two nodes on one host have different data directories).
 */
public record NodeName(String value) {

    private static final int MAX_LENGTH = 200;

    public static NodeName of(String configured, Path dataDirectory) {
        String name = configured != null && !configured.isBlank() ? configured
                : hostName() + ":" + dataDirectory.toAbsolutePath().normalize();
        return new NodeName(name.length() > MAX_LENGTH ? name.substring(name.length() - MAX_LENGTH) : name);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}

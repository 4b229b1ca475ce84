package org.mashgateway.alert;

/** Families of alert a MASH admin must see; SECURITY ones are potential breaches (report within a working day). */
public enum AlertKind {
    SECURITY,
    DELIVERY,
    DEADLINE,
    CERTIFICATE,
    DIRECTORY,
    SYSTEM
}

package org.mashgateway.directory;

/** How mail to a recipient is protected: S/MIME (default), or signed over verified TLS only. */
public enum Protection {
    SMIME,
    TLS
}

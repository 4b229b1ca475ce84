/**
 * Who the gateway knows: police forces, the MASH case system, partner agencies and schools, with
 * their certificates.
 *
 * <p>The records and the {@link org.mashgateway.directory.Directory} interface are the contract
 * the rest of the gateway codes against. {@link org.mashgateway.directory.ConfiguredDirectory}
 * implements it from the YAML file named by {@code mash.directory} and the optional GIAS-style
 * schools CSV named by {@code mash.directory.schools-csv}: it validates both, serves look-ups from
 * an immutable snapshot that is swapped atomically, reloads when the files change (keeping the
 * last good directory when a change is broken) and warns 30 days before a directory certificate
 * expires. Nothing in this package holds or logs personal data: entries are organisations,
 * identified in messages and alerts by code or URN.
 */
package org.mashgateway.directory;

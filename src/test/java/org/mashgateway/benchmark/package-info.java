/**
 * The performance benchmark of quality.md "Speed and memory": the whole embedded gateway driven over
 * mutual TLS with the standard workload, against a crypto floor measured in the same JVM. Not part of
 * {@code ./mvnw verify} (its class name matches none of surefire's default patterns); run it as
 * docs/performance.md says.
 */
package org.mashgateway.benchmark;

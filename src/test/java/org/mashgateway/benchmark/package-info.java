/**
 * The performance benchmarks of quality.md "Speed and memory": the standard workload driven over
 * mutual TLS ({@code Load}) against the embedded gateway with a crypto floor in the same JVM
 * ({@code GatewayBenchmark}), and against the packaged jar in its own process ({@code JarBenchmark}). Not part of
 * {@code ./mvnw verify} (its class name matches none of surefire's default patterns); run it as
 * docs/performance.md says.
 */
package org.mashgateway.benchmark;

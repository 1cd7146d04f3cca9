/**
 * Benchmarks of the baton pass: the seeded generator of the benchmark database, the JMH benchmarks
 * of store and services, and the stdio latency client used by {@code bench/run.sh}.
 */
@NullMarked
package dev.passoff.bench;

import org.jspecify.annotations.NullMarked;

/**
 * Benchmark baseline: a chat on Spring's in-memory STOMP SimpleBroker alone, with the seed's
 * destinations.
 */
@NullMarked
package io.chatstack.examples.baseline.simple;

import org.jspecify.annotations.NullMarked;

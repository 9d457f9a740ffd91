/**
 * In-memory implementations of the ports, the defaults of a single node: rooms, history and a bus
 * that delivers within the JVM.
 */
@NullMarked
package io.chatstack.memory;

import org.jspecify.annotations.NullMarked;

/**
 * The STOMP 1.2 protocol chatstack speaks, shared by the server, the Java client, the load
 * generator and the testkit: frames and their reader and writer, limits, heart-beats, header names,
 * error codes, the destination table and the JSON bodies.
 */
@NullMarked
package io.chatstack.stomp;

import org.jspecify.annotations.NullMarked;

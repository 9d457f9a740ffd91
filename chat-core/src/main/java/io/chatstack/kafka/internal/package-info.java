/**
 * Implementation of the Kafka bus: clients, record codec, pipeline, persister and fan-out. Not API:
 * may change without notice.
 */
@NullMarked
package io.chatstack.kafka.internal;

import org.jspecify.annotations.NullMarked;

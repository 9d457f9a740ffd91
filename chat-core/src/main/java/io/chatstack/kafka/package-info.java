/**
 * The {@link io.chatstack.core.MessageBus} on Apache Kafka ({@link
 * io.chatstack.kafka.KafkaMessageBus}): records keyed by room, so each room's messages have one
 * order; a persister into the {@link io.chatstack.core.MessageStore} and fan-out on every node.
 * Needs {@code org.apache.kafka:kafka-clients}.
 */
@NullMarked
package io.chatstack.kafka;

import org.jspecify.annotations.NullMarked;

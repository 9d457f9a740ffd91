/**
 * A real Kafka broker (KRaft) in the test JVM: {@link io.chatstack.testkit.kafka.EmbeddedKafka}.
 */
@NullMarked
package io.chatstack.testkit.kafka;

import org.jspecify.annotations.NullMarked;

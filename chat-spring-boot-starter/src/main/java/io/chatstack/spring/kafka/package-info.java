/** Auto-configuration of the Kafka message bus from {@code chatstack.kafka.*}. */
@NullMarked
package io.chatstack.spring.kafka;

import org.jspecify.annotations.NullMarked;

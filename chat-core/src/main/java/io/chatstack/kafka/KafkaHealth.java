package io.chatstack.kafka;

/**
 * What the Kafka cluster of a {@link KafkaMessageBus} answered to a health check. Thread-safe
 * (immutable).
 *
 * @param clusterId the cluster's id
 * @param nodes how many brokers the cluster reported
 * @param messagesTopic the bus's topic of chat messages
 */
public record KafkaHealth(String clusterId, int nodes, String messagesTopic) {}

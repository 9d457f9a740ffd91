/**
 * Health indicators of chatstack's backends (Kafka, JDBC room store, MongoDB) for Spring Boot
 * Actuator.
 */
@NullMarked
package io.chatstack.spring.health;

import org.jspecify.annotations.NullMarked;

/**
 * Dev services for Spring Boot applications on the chatstack starter: in-process Kafka, MongoDB
 * wire server and H2, started when {@code chatstack.dev-services.enabled=true}. Development only.
 */
@NullMarked
package io.chatstack.devservices;

import org.jspecify.annotations.NullMarked;

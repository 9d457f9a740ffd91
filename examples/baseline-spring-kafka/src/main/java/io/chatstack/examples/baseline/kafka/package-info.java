/** Benchmark baseline: the seed's design, Spring's SimpleBroker with spring-kafka and MongoDB. */
@NullMarked
package io.chatstack.examples.baseline.kafka;

import org.jspecify.annotations.NullMarked;

/**
 * The JSON form of chatstack's wire types ({@link io.chatstack.json.ChatJson}), shared by Kafka
 * records, STOMP frames and REST.
 */
@NullMarked
package io.chatstack.json;

import org.jspecify.annotations.NullMarked;

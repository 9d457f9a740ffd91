/**
 * The {@link io.chatstack.core.MessageStore} on MongoDB ({@link
 * io.chatstack.mongo.MongoMessageStore}). Needs {@code org.mongodb:mongodb-driver-sync}.
 */
@NullMarked
package io.chatstack.mongo;

import org.jspecify.annotations.NullMarked;

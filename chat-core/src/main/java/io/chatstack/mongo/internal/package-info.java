/**
 * Implementation of the MongoDB message store: documents and indexes. Not API: may change without
 * notice.
 */
@NullMarked
package io.chatstack.mongo.internal;

import org.jspecify.annotations.NullMarked;

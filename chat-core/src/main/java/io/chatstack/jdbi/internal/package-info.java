/**
 * Implementation of the Jdbi room repository: row mapping, schema migration, SQL failure
 * translation. Not API: may change without notice.
 */
@NullMarked
package io.chatstack.jdbi.internal;

import org.jspecify.annotations.NullMarked;

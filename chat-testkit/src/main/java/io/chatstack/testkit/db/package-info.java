/**
 * Test databases: an in-process MongoDB wire server and the selection of MySQL/MongoDB servers
 * (local, container or in-process).
 */
@NullMarked
package io.chatstack.testkit.db;

import org.jspecify.annotations.NullMarked;

/** Implementation details of the starter. Not API: may change without notice. */
@NullMarked
package io.chatstack.spring.internal;

import org.jspecify.annotations.NullMarked;

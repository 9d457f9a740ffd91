/** Implementation of the starter's authentication modes. Not API: may change without notice. */
@NullMarked
package io.chatstack.spring.security.internal;

import org.jspecify.annotations.NullMarked;

package io.chatstack.spring.web.internal;

/**
 * Answer of {@code DELETE /api/admin/users/{username}/messages}: {@code {"username","erased"}}.
 *
 * @param username the user whose messages were erased
 * @param erased how many of their messages became tombstones by this call
 */
record ErasureResponse(String username, long erased) {}

package io.chatstack.spring.websocket.internal;

import org.jspecify.annotations.Nullable;

/** What the starter needs to know about the servlet container it runs in. */
final class Containers {
  private Containers() {}

  /**
   * Whether {@code serverContainer} (the running {@code jakarta.websocket.server.ServerContainer},
   * as the servlet context holds it) is Tomcat's: recognised by the container, not the class path,
   * which may hold several.
   */
  static boolean isTomcat(@Nullable Object serverContainer) {
    return serverContainer != null
        && serverContainer.getClass().getName().startsWith("org.apache.tomcat.");
  }
}

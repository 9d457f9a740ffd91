package io.chatstack.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.client.ChatClientException;
import io.chatstack.stomp.FrameWriter;
import io.chatstack.stomp.Heartbeat;
import io.chatstack.stomp.StompFrame;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.spi.ServerContainer;
import org.glassfish.tyrus.spi.ServerContainerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Heart-beat tasks never outlive their link: starting again ends the previous task, and a link that
 * closed before its heart-beats started (its close handling stopped nothing) gets none.
 */
class HeartbeatTimerIT {
  private static final Heartbeat EVERY_SECOND = new Heartbeat(1000, 1000);
  private final ScheduledThreadPoolExecutor io = new ScheduledThreadPoolExecutor(1);
  private final ClientManager client = new ClientManager();
  private ServerContainer server;
  private URI uri;

  /** Accepts WebSockets and ignores what they say. */
  public static final class SilentEndpoint extends Endpoint {
    @Override
    public void onOpen(Session session, EndpointConfig config) {}
  }

  @BeforeEach
  void start() throws Exception {
    io.setRemoveOnCancelPolicy(true);
    server = ServerContainerFactory.createServerContainer(Map.of());
    server.addEndpoint(ServerEndpointConfig.Builder.create(SilentEndpoint.class, "/ws").build());
    server.start("/", 0);
    int port = ((org.glassfish.tyrus.server.TyrusServerContainer) server).getPort();
    uri = URI.create("ws://localhost:" + port + "/ws");
  }

  @AfterEach
  void stop() {
    io.shutdownNow();
    client.shutdown();
    server.stop();
  }

  private Link open() {
    return Link.open(
        client,
        uri,
        new FrameWriter(),
        new Link.Listener() {
          @Override
          public void onFrames(Link link, List<StompFrame> frames) {}

          @Override
          public void onClosed(Link link, ChatClientException cause) {}
        });
  }

  @Test
  void startingAgainEndsThePreviousTask() {
    HeartbeatTimer timer = new HeartbeatTimer(io);
    Link first = open();
    Link second = open();
    timer.start(first, EVERY_SECOND);
    timer.start(second, EVERY_SECOND);
    assertThat(io.getQueue()).hasSize(1);
    timer.stop();
    assertThat(io.getQueue()).isEmpty();
    first.close(null);
    second.close(null);
  }

  @Test
  void aLinkClosedBeforeItsHeartbeatsStartGetsNone() {
    HeartbeatTimer timer = new HeartbeatTimer(io);
    Link link = open();
    link.close(null); // its close handling ran stop() already
    timer.start(link, EVERY_SECOND);
    assertThat(io.getQueue()).isEmpty();
  }
}

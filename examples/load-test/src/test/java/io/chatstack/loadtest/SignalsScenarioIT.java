package io.chatstack.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.core.ChatService;
import io.chatstack.core.SignalSettings;
import io.chatstack.server.ChatServer;
import io.chatstack.server.DevAuthenticator;
import io.chatstack.server.StompServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke test of the signals scenario with tiny sizes against the standalone server with in-memory
 * services: both windows deliver every chat message, and the watchers receive typing and presence
 * events (a short presence grace makes churned users go offline within the window).
 */
class SignalsScenarioIT {
  private ChatService service;
  private ChatServer server;

  @BeforeEach
  void start() {
    service =
        ChatService.builder()
            .signalSettings(
                SignalSettings.DEFAULTS
                    .withPresenceGrace(Duration.ofMillis(200))
                    .withTypingThrottle(Duration.ofMillis(200)))
            .build();
    server =
        ChatServer.builder()
            .port(0)
            .config(StompServerConfig.builder(service, new DevAuthenticator()).build())
            .build()
            .start();
  }

  @AfterEach
  void stop() {
    server.close();
    service.close();
  }

  @Test
  void bothWindowsDeliverEveryMessageAndWatchersSeeTypingAndPresence(@TempDir Path dir)
      throws Exception {
    Path resultsFile = dir.resolve("results.properties");
    String[] argv = {
      "--target", "chatstack",
      "--column", "chatstack",
      "--results", resultsFile.toString(),
      "--server-pid", Long.toString(ProcessHandle.current().pid()),
      "--signals-members", "40",
      "--signals-churn-pool", "10",
      "--signals-watchers", "5",
      "--signals-typers", "5",
      "--signals-connects", "10",
      "--signals-stay-ms", "300",
      "--signals-typing-ms", "300",
      "--signals-warmup", "0.5",
      "--signals-seconds", "2",
      "--signals-settle", "0.5"
    };
    RoomSetup rooms = ServiceRooms.of(service, true);
    URI ws = URI.create("ws://127.0.0.1:" + server.port() + "/ws");
    LoadTestMain.Results results = new LoadTestMain.Results(resultsFile, "chatstack");
    new ChatScenarios(new Args(argv, 0), HttpClient.newHttpClient(), ws, "", rooms, results)
        .run("signals");

    Map<String, String> out = ResultsTable.parse(Files.readAllLines(resultsFile));
    String[] delivered = out.get("chatstack.signals.delivered").replace(",", "").split("/");
    assertThat(delivered[0]).isEqualTo(delivered[1]);
    assertThat(Long.parseLong(delivered[1])).isPositive();
    assertThat(out.get("chatstack.signals.events"))
        .matches("typing [1-9][0-9,]*/s, presence [1-9][0-9,]*/s");
    assertThat(out.get("chatstack.signals.forwarded"))
        .matches("typing [0-9,]+\\.[0-9]/s, presence [0-9,]+\\.[0-9]/s")
        .doesNotContain("typing 0.0/s")
        .doesNotContain("presence 0.0/s");
    assertThat(out).containsKeys("chatstack.signals.a.p99", "chatstack.signals.b.p99");
    assertThat(out.get("chatstack.signals.ratio")).endsWith("×");
    assertThat(out.get("chatstack.signals.cpu")).contains("% of a core → ");
    assertThat(new ResultsTable(out, Map.of()).markdown())
        .contains("Signals room p99 with / without signals");
  }
}

package io.chatstack.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultsTableTest {
  @Test
  void oneRowPerMeasurementOneColumnPerTargetWithNotAvailableGaps() {
    Map<String, String> results =
        ResultsTable.parse(
            List.of(
                "kafka.kafka.p50=2.50 ms",
                "chatstack.light.p50=3.00 ms",
                "chatstack.light.p50=4.00 ms",
                "# comment",
                "baseline1.memory.kib=12.0 KiB",
                "chatstack.ramp.failed=IllegalStateException",
                "chatstack.fanout.failed=IllegalStateException",
                "baseline2.server.exited=yes"));
    String table = new ResultsTable(results, Map.of("light", "10 rooms")).markdown();
    List<String> lines = table.lines().toList();
    assertThat(lines.get(0)).contains("Kafka floor", "chatstack", "baseline 1", "baseline 2");
    assertThat(lines).hasSize(2 + ResultsTable.ROWS.size());
    assertThat(table).contains("| Kafka produce→consume p50 |  | 2.50 ms |  |  |  |");
    assertThat(table).contains("| Light load e2e p50 | 10 rooms |  | 4.00 ms | n/a | n/a |");
    assertThat(table).contains("| Heap per idle connection |  |  | n/a | 12.0 KiB | n/a |");
    assertThat(table)
        .contains(
            "| Scenarios that failed (see the log) |  |  | ramp, fanout |  | server exited |");
  }

  @Test
  void aTargetMeasuredInBothPassesOfTheBalancedOrderGetsTwoColumnsSideBySide() {
    Map<String, String> results =
        ResultsTable.parse(
            List.of(
                "chatstack.light.p50=3.00 ms",
                "baseline1.light.p50=1.00 ms",
                "baseline12.light.p50=1.50 ms",
                "chatstack2.light.p50=2.00 ms"));
    String table = new ResultsTable(results, Map.of()).markdown();
    assertThat(table.lines().findFirst().orElseThrow())
        .isEqualTo(
            "| Measurement | Load | Kafka floor | chatstack (1st pass) | chatstack (2nd pass) |"
                + " baseline 1 SimpleBroker (1st pass) | baseline 1 SimpleBroker (2nd pass) |"
                + " baseline 2 SimpleBroker+spring-kafka+Mongo |");
    assertThat(table)
        .contains("| Light load e2e p50 |  |  | 3.00 ms | 2.00 ms | 1.00 ms | 1.50 ms | n/a |");
  }

  @Test
  void theFloorMeasuredAgainAfterTheSecondPassGetsAColumnOfItsOwn() {
    Map<String, String> results =
        ResultsTable.parse(
            List.of(
                "kafka.kafka.p50=2.50 ms",
                "kafka2.kafka.p50=1.90 ms",
                "chatstack.light.p50=3.00 ms",
                "chatstack2.light.p50=2.00 ms"));
    String table = new ResultsTable(results, Map.of()).markdown();
    assertThat(table.lines().findFirst().orElseThrow())
        .startsWith(
            "| Measurement | Load | Kafka floor (1st pass) | Kafka floor (2nd pass) |"
                + " chatstack (1st pass) | chatstack (2nd pass) |");
    assertThat(table).contains("| Kafka produce→consume p50 |  | 2.50 ms | 1.90 ms |  |  |");
    assertThat(table).contains("| Light load e2e p50 |  |  |  | 3.00 ms | 2.00 ms |");
  }

  @Test
  void theJettyColumnAppearsOnlyWhenARunMeasuredIt() {
    Map<String, String> results =
        ResultsTable.parse(
            List.of(
                "chatstack.fanout.p50=30.0 ms",
                "chatstack-jetty.fanout.p50=20.0 ms",
                "chatstack-jetty2.fanout.p50=25.0 ms"));
    String table = new ResultsTable(results, Map.of()).markdown();
    assertThat(table.lines().findFirst().orElseThrow())
        .endsWith("| chatstack on Jetty (1st pass) | chatstack on Jetty (2nd pass) |");
    assertThat(table)
        .contains("| Fan-out room e2e p50 |  |  | 30.0 ms | n/a | n/a | 20.0 ms | 25.0 ms |");
  }

  @Test
  void parsesTheTotalLineOfAClassHistogram() {
    String histogram =
        "12345:\n num     #instances         #bytes  class name (module)\n"
            + "   1:          100           4000  [B (java.base@17)\n"
            + "Total          2000          98765\n";
    assertThat(HeapProbe.parseTotal(histogram)).isEqualTo(98765);
  }

  @Test
  void listsTheClassesThatGrewMostPerConnection() {
    String before =
        "1:\n num     #instances         #bytes  class name (module)\n"
            + "   1:          100           4000  [B (java.base@17)\n"
            + "   2:           10            400  a.Session\n"
            + "Total           110           4400\n";
    String after =
        "1:\n num     #instances         #bytes  class name (module)\n"
            + "   1:          300          24000  [B (java.base@17)\n"
            + "   2:           20            800  a.Session\n"
            + "   3:           10           1000  a.New\n"
            + "Total           330          25800\n";
    assertThat(HeapProbe.topGrowth(before, after, 2, 10))
        .containsExactly("  2000.0 B  [B (java.base@17)", "   100.0 B  a.New");
  }

  @Test
  void listsTheGrowthOfOneLayersClasses() {
    String before =
        "1:\n num     #instances         #bytes  class name (module)\n"
            + "   1:          100           4000  [B (java.base@17)\n"
            + "   2:           10            400  io.chatstack.server.internal.StompSession\n"
            + "Total           110           4400\n";
    String after =
        "1:\n num     #instances         #bytes  class name (module)\n"
            + "   1:          300          24000  [B (java.base@17)\n"
            + "   2:           20            800  io.chatstack.server.internal.StompSession\n"
            + "   3:           10           1000  org.apache.tomcat.websocket.WsSession\n"
            + "   4:           10            600  io.chatstack.server.internal.Deadline\n"
            + "Total           340          26400\n";
    assertThat(HeapProbe.topGrowth(before, after, 5, 10, "chatstack"))
        .containsExactly(
            "    60.0 B  io.chatstack.server.internal.Deadline",
            "    40.0 B  io.chatstack.server.internal.StompSession");
  }

  @Test
  void groupsTheGrowthByTheLayerThatOwnsEachClass() {
    String before =
        "1:\n num     #instances         #bytes  class name (module)\n"
            + "   1:          100           4000  [B (java.base@17)\n"
            + "Total           100           4000\n";
    String after =
        "1:\n num     #instances         #bytes  class name (module)\n"
            + "   1:          300          24000  [B (java.base@17)\n"
            + "   2:           10           1000  org.apache.tomcat.websocket.WsSession\n"
            + "   3:           10            500  io.chatstack.server.internal.StompSession\n"
            + "   4:           10            300  [Ljava.lang.Object; (java.base@17)\n"
            + "   5:           10            200  org.springframework.web.socket.X\n"
            + "Total           340          26000\n";
    assertThat(HeapProbe.growthByLayer(before, after, 10))
        .containsExactly(
            "  2000.0 B  primitive arrays",
            "   100.0 B  container",
            "    50.0 B  chatstack",
            "    30.0 B  JDK objects",
            "    20.0 B  Spring");
  }
}

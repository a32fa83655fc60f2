// One setting of every broker as Kafka's Java Admin client describes it (describeConfigs on
// each broker of describeCluster): the ground truth for settings we read ourselves. Run as a
// single source file:
//   java -cp <classpath> BrokerConfigTruth.java BOOTSTRAP NAME
// Prints one line per broker, by node id: NODE_ID VALUE (tab-separated).

import java.util.List;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigResource;

public class BrokerConfigTruth {
    public static void main(String[] args) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", args[0]);
        try (Admin admin = Admin.create(props)) {
            var lines = new TreeMap<Integer, String>();
            for (var node : admin.describeCluster().nodes().get()) {
                var resource = new ConfigResource(ConfigResource.Type.BROKER, node.idString());
                var config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
                lines.put(node.id(), node.id() + "\t" + config.get(args[1]).value());
            }
            lines.values().forEach(System.out::println);
        }
    }
}

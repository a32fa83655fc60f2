// A topic's settings as Kafka's own AdminClient describes them (describeConfigs with synonyms),
// one JSON object per line, the ground truth for what our DescribeConfigs reads. Run as a
// single source file:
//   java -cp <broker classpath> DescribeTopicConfigs.java BOOTSTRAP TOPIC
// Line: {"name":"retention.ms","value":"86400000"|null,"source":"DYNAMIC_TOPIC_CONFIG",
//        "sensitive":false,"readOnly":false,"synonyms":[["retention.ms","DYNAMIC_TOPIC_CONFIG"],...]}

import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.common.config.ConfigResource;

public class DescribeTopicConfigs {
    public static void main(String[] args) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", args[0]);
        try (Admin admin = Admin.create(props)) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, args[1]);
            Config config = admin.describeConfigs(List.of(resource), new DescribeConfigsOptions().includeSynonyms(true)).all().get().get(resource);
            for (ConfigEntry entry : config.entries()) {
                String synonyms = entry.synonyms().stream()
                    .map(s -> "[" + json(s.name()) + "," + json(s.source().name()) + "]")
                    .collect(Collectors.joining(","));
                System.out.println("{\"name\":" + json(entry.name()) + ",\"value\":" + json(entry.value())
                    + ",\"source\":" + json(entry.source().name()) + ",\"sensitive\":" + entry.isSensitive()
                    + ",\"readOnly\":" + entry.isReadOnly() + ",\"synonyms\":[" + synonyms + "]}");
            }
        }
    }

    static String json(String s) {
        if (s == null) return "null";
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') out.append('\\').append(c);
            else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        return out.append('"').toString();
    }
}

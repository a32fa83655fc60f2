// What Kafka's own AdminClient hears when the broker refuses a topic's creation or growth, with
// validateOnly so nothing changes: the error's Kafka name and the broker's message, the ground
// truth for the words our apply shows. Run as a single source file:
//   java -cp <broker classpath> RefusalTruth.java BOOTSTRAP create TOPIC PARTITIONS REPLICATION_FACTOR [NAME=VALUE...]
//   java -cp <broker classpath> RefusalTruth.java BOOTSTRAP grow TOPIC TOTAL_PARTITIONS
// Prints one line {"error":"INVALID_REPLICATION_FACTOR","message":"Unable to replicate..."},
// or {"error":null} when the broker accepts.

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreatePartitionsOptions;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.protocol.Errors;

public class RefusalTruth {
    public static void main(String[] args) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", args[0]);
        try (Admin admin = Admin.create(props)) {
            try {
                if (args[1].equals("create")) {
                    Map<String, String> configs = new HashMap<>();
                    for (int i = 5; i < args.length; i++) {
                        String[] kv = args[i].split("=", 2);
                        configs.put(kv[0], kv[1]);
                    }
                    NewTopic topic = new NewTopic(args[2], Optional.of(Integer.parseInt(args[3])), Optional.of(Short.parseShort(args[4]))).configs(configs);
                    admin.createTopics(List.of(topic), new CreateTopicsOptions().validateOnly(true)).all().get();
                } else {
                    admin.createPartitions(Map.of(args[2], NewPartitions.increaseTo(Integer.parseInt(args[3]))), new CreatePartitionsOptions().validateOnly(true)).all().get();
                }
                System.out.println("{\"error\":null}");
            } catch (ExecutionException e) {
                System.out.println("{\"error\":" + json(Errors.forException(e.getCause()).name()) + ",\"message\":" + json(e.getCause().getMessage()) + "}");
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

// A topic's ends as Kafka's Java Admin client reads them, the ground truth of the open
// transaction tests: per partition the high watermark (ListOffsets latest, READ_UNCOMMITTED,
// the admin client's default) and the last stable offset (READ_COMMITTED). Run as a single
// source file:
//   java -cp <classpath> OffsetsTruth.java BOOTSTRAP TOPIC [TIMESTAMP_MS]
// Prints one line per partition, in partition order: PARTITION HIGH LAST_STABLE (tab-separated),
// and with TIMESTAMP_MS a fourth column: the offset a read_committed consumer's offsetsForTimes
// gives for it (ListOffsets for the time, READ_COMMITTED), -1 when no record is that new.

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

public class OffsetsTruth {
    public static void main(String[] args) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", args[0]);
        try (Admin admin = Admin.create(props)) {
            var partitions = admin.describeTopics(java.util.List.of(args[1])).allTopicNames().get().get(args[1]).partitions();
            Map<TopicPartition, OffsetSpec> latest = partitions.stream().collect(Collectors.toMap(p -> new TopicPartition(args[1], p.partition()), p -> OffsetSpec.latest()));
            var high = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get();
            var stable = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
            var atTime = args.length > 2
                ? admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> new TopicPartition(args[1], p.partition()), p -> OffsetSpec.forTimestamp(Long.parseLong(args[2])))), new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
                : null;
            Map<Integer, String> lines = new TreeMap<>();
            high.forEach((tp, info) -> lines.put(tp.partition(), tp.partition() + "\t" + info.offset() + "\t" + stable.get(tp).offset() + (atTime == null ? "" : "\t" + atTime.get(tp).offset())));
            lines.values().forEach(System.out::println);
        }
    }
}

// Every partition's three watermarks as Kafka's Java Admin client reads them (ListOffsets), the
// ground truth of the explorer's topic list: the low watermark (OffsetSpec.earliest), the high
// watermark (latest at READ_UNCOMMITTED) and the last stable offset (latest at READ_COMMITTED).
// Run as a single source file:
//   java -cp <classpath> WatermarksTruth.java BOOTSTRAP TOPIC...
// Prints one line per partition, by topic then partition: TOPIC PARTITION LOW HIGH LAST_STABLE
// (tab-separated).

import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

public class WatermarksTruth {
    public static void main(String[] args) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", args[0]);
        var topics = Arrays.asList(args).subList(1, args.length);
        try (Admin admin = Admin.create(props)) {
            var partitions = admin.describeTopics(topics).allTopicNames().get().entrySet().stream()
                .flatMap(e -> e.getValue().partitions().stream().map(p -> new TopicPartition(e.getKey(), p.partition())))
                .collect(Collectors.toList());
            var specs = (java.util.function.Function<Supplier<OffsetSpec>, Map<TopicPartition, OffsetSpec>>) spec ->
                partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> spec.get()));
            var low = admin.listOffsets(specs.apply(OffsetSpec::earliest), new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get();
            var high = admin.listOffsets(specs.apply(OffsetSpec::latest), new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get();
            var stable = admin.listOffsets(specs.apply(OffsetSpec::latest), new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
            Map<String, String> lines = new TreeMap<>();
            for (TopicPartition tp : partitions) {
                lines.put(tp.topic() + "\t" + String.format("%06d", tp.partition()),
                    tp.topic() + "\t" + tp.partition() + "\t" + low.get(tp).offset() + "\t" + high.get(tp).offset() + "\t" + stable.get(tp).offset());
            }
            lines.values().forEach(System.out::println);
        }
    }
}

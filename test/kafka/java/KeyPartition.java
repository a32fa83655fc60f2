// The partition the Java client's default partitioner gives each key (BuiltInPartitioner
// .partitionForKey: Utils.toPositive(Utils.murmur2(key bytes)) % partitions), one line per key:
//   java -cp <broker classpath> KeyPartition.java PARTITIONS KEY...
// Line: KEY<TAB>PARTITION

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

public class KeyPartition {
    public static void main(String[] args) {
        int partitions = Integer.parseInt(args[0]);
        for (int i = 1; i < args.length; i++) {
            System.out.println(args[i] + "\t" + Utils.toPositive(Utils.murmur2(args[i].getBytes(StandardCharsets.UTF_8))) % partitions);
        }
    }
}

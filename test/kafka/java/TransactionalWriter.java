// Writes a planned mix of records with the Kafka distribution's own Java producers, so the
// tests read transactions, markers and headers exactly as Java applications write them. Run as
// a single source file:
//   java -cp <broker classpath> TransactionalWriter.java BOOTSTRAP TOPIC TX_CODEC PLAIN_CODEC < plan
// One step per line of the plan, fields separated by tabs; bytes in hex, "-" for null:
//   begin | commit | abort              the transactional producer's transaction
//   tx|plain PARTITION TIMESTAMP KEY VALUE HEADERS
//                                       a record from the transactional or the plain producer;
//                                       TIMESTAMP "-" lets the producer set it; HEADERS is
//                                       "-" or KEYHEX:VALUEHEX pairs joined by ",", in order
//   sleep MS                            wait, e.g. for segment.ms to pass so the next record
//                                       starts a new segment and the last can be compacted
//   hold                                send what the open transaction holds so far, then print
//                                       "held" and go on reading the plan: the transaction stays
//                                       open, the process alive, until a later commit or abort
// Prints nothing else; fails with the producer's exception. Transactions may stay open for
// 5 minutes (transaction.timeout.ms), so a test that holds one finishes before the coordinator
// aborts it.

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

public class TransactionalWriter {
    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String topic = args[1];
        try (KafkaProducer<byte[], byte[]> tx = producer(bootstrap, args[2], topic + "-writer");
             KafkaProducer<byte[], byte[]> plain = producer(bootstrap, args[3], null)) {
            tx.initTransactions();
            BufferedReader plan = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = plan.readLine()) != null; ) {
                String[] f = line.split("\t", -1);
                switch (f[0]) {
                    case "begin" -> tx.beginTransaction();
                    case "commit" -> tx.commitTransaction();
                    // Flushed first: an abort drops the records still waiting to be sent, and an aborted
                    // transaction that never reached the log would test nothing.
                    case "abort" -> {
                        tx.flush();
                        tx.abortTransaction();
                    }
                    case "tx", "plain" -> {
                        Long timestamp = f[2].equals("-") ? null : Long.parseLong(f[2]);
                        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, Integer.parseInt(f[1]), timestamp, bytes(f[3]), bytes(f[4]), headers(f[5]));
                        // Plain records go out one by one, so they land between the transactions around them.
                        if (f[0].equals("tx")) tx.send(record);
                        else plain.send(record).get();
                    }
                    case "hold" -> {
                        tx.flush();
                        plain.flush();
                        System.out.println("held");
                        System.out.flush();
                    }
                    case "sleep" -> {
                        plain.flush();
                        Thread.sleep(Long.parseLong(f[1]));
                    }
                    case "" -> { }
                    default -> throw new IllegalArgumentException("unknown step: " + line);
                }
            }
            plain.flush();
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap, String codec, String transactionalId) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("compression.type", codec);
        props.put("linger.ms", "5");
        props.put("key.serializer", ByteArraySerializer.class.getName());
        props.put("value.serializer", ByteArraySerializer.class.getName());
        if (transactionalId != null) {
            props.put("transactional.id", transactionalId);
            props.put("transaction.timeout.ms", "300000");
        }
        return new KafkaProducer<>(props);
    }

    private static byte[] bytes(String hex) {
        return hex.equals("-") ? null : HexFormat.of().parseHex(hex);
    }

    private static List<Header> headers(String field) {
        List<Header> headers = new ArrayList<>();
        if (field.equals("-")) return headers;
        for (String pair : field.split(",")) {
            String[] kv = pair.split(":", -1);
            headers.add(new RecordHeader(new String(HexFormat.of().parseHex(kv[0]), StandardCharsets.UTF_8), bytes(kv[1])));
        }
        return headers;
    }
}

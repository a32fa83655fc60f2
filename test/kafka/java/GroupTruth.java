// Kafka's Java Admin API as the ground truth of the group tests: one command a line on stdin,
// one JSON answer a line on stdout ({"error": "..."} when the Admin call failed).
//   list                          every group: groupId, type, state
//   describe <type> <group>       state, assignor, members (clientId, host, assignment)
//   shareOffsets <group>          start offset and lag per partition (listShareGroupOffsets)
//   committed <group>             committed offsets per topic and partition
//   groupConfig <group> <k> <v>   sets a group config (ConfigResource.Type.GROUP)
//   shareReset <group> <topic> <partition> <offset>   alterShareGroupOffsets
//   endOffsets <topic>            latest offset per partition (read_uncommitted: the high watermark)
//   features                      the cluster's finalized feature levels (group.version, share.version…)

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.*;
import org.apache.kafka.clients.admin.*;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;

public class GroupTruth {
    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Properties props = new Properties();
        props.put("bootstrap.servers", args[0]);
        try (Admin admin = Admin.create(props); BufferedReader in = new BufferedReader(new InputStreamReader(System.in))) {
            for (String line; (line = in.readLine()) != null; ) {
                String[] a = line.trim().split(" ");
                Object answer;
                try {
                    answer = run(admin, a);
                } catch (Exception e) {
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    answer = Map.of("error", cause.getClass().getSimpleName() + ": " + cause.getMessage());
                }
                System.out.println(json.writeValueAsString(answer));
                System.out.flush();
            }
        }
    }

    static Object run(Admin admin, String[] a) throws Exception {
        switch (a[0]) {
            case "list": {
                List<Map<String, Object>> out = new ArrayList<>();
                for (GroupListing g : admin.listGroups(new ListGroupsOptions()).all().get()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("groupId", g.groupId());
                    m.put("type", g.type().map(Object::toString).orElse(null));
                    m.put("protocol", g.protocol());
                    m.put("state", g.groupState().map(Object::toString).orElse(null));
                    out.add(m);
                }
                return out;
            }
            case "describe": {
                String type = a[1], group = a[2];
                Map<String, Object> m = new LinkedHashMap<>();
                List<Map<String, Object>> members = new ArrayList<>();
                switch (type) {
                    case "share": {
                        ShareGroupDescription d = admin.describeShareGroups(List.of(group)).all().get().get(group);
                        m.put("state", d.groupState().toString());
                        for (ShareMemberDescription x : d.members()) members.add(member(x.clientId(), x.host(), partitions(x.assignment().topicPartitions())));
                        break;
                    }
                    case "streams": {
                        StreamsGroupDescription d = admin.describeStreamsGroups(List.of(group)).all().get().get(group);
                        m.put("state", d.groupState().toString());
                        for (StreamsGroupMemberDescription x : d.members()) {
                            List<String> tasks = new ArrayList<>();
                            for (StreamsGroupMemberAssignment.TaskIds t : x.assignment().activeTasks()) for (int p : t.partitions()) tasks.add(t.subtopologyId() + ":" + p);
                            Collections.sort(tasks);
                            members.add(member(x.clientId(), x.clientHost(), tasks));
                        }
                        break;
                    }
                    default: {
                        ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                        m.put("state", d.groupState().toString());
                        m.put("type", d.type().toString());
                        m.put("assignor", d.partitionAssignor());
                        for (MemberDescription x : d.members()) members.add(member(x.clientId(), x.host(), partitions(x.assignment().topicPartitions())));
                    }
                }
                members.sort(Comparator.comparing(x -> (String) x.get("clientId")));
                m.put("members", members);
                return m;
            }
            case "shareOffsets": {
                Map<TopicPartition, SharePartitionOffsetInfo> offsets = admin.listShareGroupOffsets(Map.of(a[1], new ListShareGroupOffsetsSpec())).all().get().get(a[1]);
                List<Map<String, Object>> out = new ArrayList<>();
                for (Map.Entry<TopicPartition, SharePartitionOffsetInfo> e : offsets.entrySet()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("topic", e.getKey().topic());
                    m.put("partition", e.getKey().partition());
                    m.put("startOffset", e.getValue() == null ? null : String.valueOf(e.getValue().startOffset()));
                    m.put("lag", e.getValue() == null ? null : e.getValue().lag().map(String::valueOf).orElse(null));
                    out.add(m);
                }
                out.sort(Comparator.comparing((Map<String, Object> x) -> (String) x.get("topic")).thenComparing(x -> (Integer) x.get("partition")));
                return out;
            }
            case "committed": {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(a[1]).partitionsToOffsetAndMetadata().get();
                Map<String, Map<String, String>> out = new TreeMap<>();
                offsets.forEach((tp, o) -> out.computeIfAbsent(tp.topic(), t -> new TreeMap<>()).put(String.valueOf(tp.partition()), o == null ? null : String.valueOf(o.offset())));
                return out;
            }
            case "groupConfig": {
                ConfigResource resource = new ConfigResource(ConfigResource.Type.GROUP, a[1]);
                admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(new ConfigEntry(a[2], a[3]), AlterConfigOp.OpType.SET)))).all().get();
                return Map.of("ok", true);
            }
            case "shareReset": {
                admin.alterShareGroupOffsets(a[1], Map.of(new TopicPartition(a[2], Integer.parseInt(a[3])), Long.parseLong(a[4]))).all().get();
                return Map.of("ok", true);
            }
            case "endOffsets": {
                Set<TopicPartition> tps = new HashSet<>();
                admin.describeTopics(List.of(a[1])).allTopicNames().get().get(a[1]).partitions().forEach(p -> tps.add(new TopicPartition(a[1], p.partition())));
                Map<TopicPartition, OffsetSpec> spec = new HashMap<>();
                tps.forEach(tp -> spec.put(tp, OffsetSpec.latest()));
                Map<String, String> out = new TreeMap<>();
                admin.listOffsets(spec).all().get().forEach((tp, r) -> out.put(String.valueOf(tp.partition()), String.valueOf(r.offset())));
                return out;
            }
            case "features": {
                Map<String, Integer> out = new TreeMap<>();
                admin.describeFeatures().featureMetadata().get().finalizedFeatures().forEach((name, range) -> out.put(name, (int) range.maxVersionLevel()));
                return out;
            }
            default:
                throw new IllegalArgumentException("unknown command " + a[0]);
        }
    }

    static Map<String, Object> member(String clientId, String host, List<String> assignment) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clientId", clientId);
        m.put("host", host);
        m.put("assignment", assignment);
        return m;
    }

    static List<String> partitions(Collection<TopicPartition> tps) {
        List<String> out = new ArrayList<>();
        for (TopicPartition tp : tps) out.add(tp.topic() + ":" + tp.partition());
        Collections.sort(out);
        return out;
    }
}

import * as assert from 'assert';
import { describeStrategy, membersText, parseResetStrategy, PartitionResetInput, planPartitions } from '../../src/kafka/groupOffsets';
import { blockedReason, previewRows, previewTitle } from '../../src/kafka/resetPreview';
import { behindText, durationText } from '../../src/text/duration';
import { pastEndText } from '../../src/kafka/groupText';

/** Partition 0: offsets 100 to 500, committed 300. Partition 1: 0 to 50, never committed. */
const INPUTS: PartitionResetInput[] = [
  { partition: 0, low: '100', high: '500', lastStable: '500', committed: '300' },
  { partition: 1, low: '0', high: '50', lastStable: '50', committed: null },
];

describe('offset reset planner', () => {
  it('resets to the watermarks, with the lag before and after', () => {
    assert.deepStrictEqual(planPartitions({ kind: 'earliest' }, INPUTS), [
      { partition: 0, low: '100', high: '500', lastStable: '500', committed: '300', newOffset: '100', lagBefore: '200', lagAfter: '400' },
      { partition: 1, low: '0', high: '50', lastStable: '50', committed: null, newOffset: '0', lagBefore: null, lagAfter: '50' },
    ]);
    assert.deepStrictEqual(planPartitions({ kind: 'latest' }, INPUTS).map((p) => [p.newOffset, p.lagAfter]), [['500', '0'], ['50', '0']]);
  });

  it('clamps an offset to the low and high watermarks, saying so', () => {
    const plan = planPartitions({ kind: 'offset', offset: '60' }, INPUTS);
    assert.deepStrictEqual(plan.map((p) => [p.newOffset, p.note]), [['100', '60 is before the low watermark 100'], ['50', '60 is past the high watermark 50']]);
    assert.deepStrictEqual(planPartitions({ kind: 'offset', offset: '120' }, INPUTS.slice(0, 1)).map((p) => [p.newOffset, p.lagAfter, p.note]), [['120', '380', undefined]]);
  });

  it('shifts from the committed offset, clamped; a partition without one is left as it is', () => {
    assert.deepStrictEqual(planPartitions({ kind: 'shift', by: '-50' }, INPUTS), [
      { partition: 0, low: '100', high: '500', lastStable: '500', committed: '300', newOffset: '250', lagBefore: '200', lagAfter: '250' },
      { partition: 1, low: '0', high: '50', lastStable: '50', committed: null, newOffset: null, lagBefore: null, lagAfter: null, note: 'no committed offset to shift from: left as it is' },
    ]);
    assert.deepStrictEqual(planPartitions({ kind: 'shift', by: '-9000' }, INPUTS.slice(0, 1)).map((p) => [p.newOffset, p.note]), [['100', '-8700 is before the low watermark 100']]);
    assert.deepStrictEqual(planPartitions({ kind: 'shift', by: '9000' }, INPUTS.slice(0, 1)).map((p) => [p.newOffset, p.note]), [['500', '9300 is past the high watermark 500']]);
  });

  it('goes to the offset at a time, or to the high watermark when no record is that new', () => {
    const plan = planPartitions({ kind: 'time', timestampMs: 0 }, [{ ...INPUTS[0], atTime: '321' }, { ...INPUTS[1], atTime: null }, { partition: 2, low: '0', high: '7', lastStable: '7', committed: '7', atTime: '-1' }]);
    assert.deepStrictEqual(plan.map((p) => [p.newOffset, p.lagAfter, p.note]), [
      ['321', '179', undefined],
      ['50', '0', 'no message at or after that time: the high watermark'],
      ['7', '0', 'no message at or after that time: the high watermark'],
    ]);
  });

  it('counts lag and bounds resets by the high watermark while an open transaction holds the last stable offset back', () => {
    // Committed at 2; a transaction opened at 2 is still open; committed records after it reach 5.
    const held: PartitionResetInput[] = [{ partition: 0, low: '0', high: '5', lastStable: '2', committed: '2' }];
    const past = 'past the last stable offset 2: read_committed consumers wait there until the open transaction ends';
    assert.deepStrictEqual(planPartitions({ kind: 'latest' }, held), [
      { partition: 0, low: '0', high: '5', lastStable: '2', committed: '2', newOffset: '5', lagBefore: '3', lagAfter: '0', note: past },
    ]);
    assert.deepStrictEqual(planPartitions({ kind: 'offset', offset: '5' }, held).map((p) => [p.newOffset, p.lagAfter, p.note]), [['5', '0', past]]);
    assert.deepStrictEqual(planPartitions({ kind: 'offset', offset: '9' }, held).map((p) => [p.newOffset, p.note]), [['5', `9 is past the high watermark 5; ${past}`]]);
    assert.deepStrictEqual(planPartitions({ kind: 'offset', offset: '2' }, held).map((p) => [p.newOffset, p.lagAfter, p.note]), [['2', '3', undefined]]);
    assert.deepStrictEqual(planPartitions({ kind: 'shift', by: '2' }, held).map((p) => [p.newOffset, p.lagAfter]), [['4', '1']]);
    // A time whose first record is in the open transaction or after it: that offset, as Kafka's tool (READ_UNCOMMITTED) answers.
    assert.deepStrictEqual(planPartitions({ kind: 'time', timestampMs: 0 }, [{ ...held[0], atTime: '3' }]).map((p) => [p.newOffset, p.lagAfter]), [['3', '2']]);
    assert.deepStrictEqual(planPartitions({ kind: 'time', timestampMs: 0 }, [{ ...held[0], atTime: null }]).map((p) => p.newOffset), ['5']);
  });

  it('keeps 64-bit offsets exact', () => {
    const big = '9223372036854775000';
    assert.deepStrictEqual(planPartitions({ kind: 'shift', by: '7' }, [{ partition: 0, low: '0', high: '9223372036854775807', lastStable: '9223372036854775807', committed: big }]).map((p) => [p.newOffset, p.lagAfter]), [['9223372036854775007', '800']]);
  });

  it('reads what a person typed, or says what is wrong with it', () => {
    assert.deepStrictEqual(parseResetStrategy('time', '2026-01-31T12:00:00Z'), { strategy: { kind: 'time', timestampMs: Date.UTC(2026, 0, 31, 12) } });
    assert.deepStrictEqual(parseResetStrategy('shift', ' +20 '), { strategy: { kind: 'shift', by: '20' } });
    assert.deepStrictEqual(parseResetStrategy('shift', '-3'), { strategy: { kind: 'shift', by: '-3' } });
    assert.deepStrictEqual(parseResetStrategy('offset', '007'), { strategy: { kind: 'offset', offset: '7' } });
    assert.deepStrictEqual(parseResetStrategy('latest', undefined), { strategy: { kind: 'latest' } });
    for (const [kind, text, problem] of [
      ['time', '5', /ISO 8601/],
      ['time', '2026-13-45', /ISO 8601/],
      ['offset', '-1', /whole number from 0/],
      ['offset', '1.5', /whole number from 0/],
      ['offset', '9223372036854775808', /whole number from 0/],
      ['shift', '0', /other than 0/],
      ['shift', 'ten', /other than 0/],
    ] as const) {
      const parsed = parseResetStrategy(kind, text);
      assert.ok('problem' in parsed && problem.test(parsed.problem), `${kind} "${text}": ${JSON.stringify(parsed)}`);
    }
  });

  it('describes strategies and members in words', () => {
    assert.deepStrictEqual(
      [{ kind: 'earliest' }, { kind: 'latest' }, { kind: 'time', timestampMs: 0 }, { kind: 'offset', offset: '4' }, { kind: 'shift', by: '5' }, { kind: 'shift', by: '-5' }].map((s) => describeStrategy(s as never)),
      ['to earliest', 'to latest', 'to 1970-01-01T00:00:00.000Z', 'to offset 4', 'shift by +5', 'shift by -5'],
    );
    assert.strictEqual(membersText([{ memberId: 'm1', clientId: 'billing', clientHost: '/10.0.0.5', assignment: [] }, { memberId: 'm2', clientId: '', clientHost: '', assignment: [] }]), 'billing on /10.0.0.5, (no client id) on (unknown host)');
  });
});

describe('lag in time as text', () => {
  it('keeps the two largest units', () => {
    const s = 1_000;
    const min = 60 * s;
    const h = 60 * min;
    assert.deepStrictEqual(
      [0, 999, 45 * s, 5 * min, 5 * min + 12 * s, 12 * min + 30 * s, 2 * h, 2 * h + 10 * min + 5 * s, 24 * h, 3 * 24 * h + 4 * h + 59 * min, -5].map(durationText),
      ['0 s', '0 s', '45 s', '5 min', '5 min 12 s', '12 min', '2 h', '2 h 10 min', '1 day', '3 days 4 h', '0 s'],
    );
    assert.strictEqual(behindText(5 * min), '5 min behind');
    assert.strictEqual(behindText(null), '');
  });
});

describe('reset preview rows', () => {
  const plan = {
    group: 'billing',
    type: 'classic',
    topic: 'orders',
    strategy: { kind: 'earliest' } as const,
    members: [],
    partitions: [
      { partition: 0, low: '0', high: '1500', lastStable: '1500', committed: '1200', newOffset: '0', lagBefore: '300', lagAfter: '1500' },
      { partition: 1, low: '0', high: '9', lastStable: '9', committed: null, newOffset: null, lagBefore: null, lagAfter: null, note: 'no committed offset to shift from: left as it is' },
    ],
  };

  it('shows current → new and the lag before → after, per partition', () => {
    assert.deepStrictEqual(previewRows(plan), [
      { label: 'P0  1,200 → 0', description: 'lag 300 → 1,500' },
      { label: 'P1  none → unchanged', description: 'no committed offset', detail: 'no committed offset to shift from: left as it is' },
    ]);
    assert.strictEqual(previewTitle(plan), 'Reset group "billing" on "orders" to earliest: 1 partition');
    assert.strictEqual(blockedReason(plan), undefined);
  });

  it('says why the plan cannot be applied: members, or nothing to write', () => {
    assert.strictEqual(
      blockedReason({ ...plan, members: [{ memberId: 'm', clientId: 'billing-worker', clientHost: '/10.0.0.5', assignment: [] }] }),
      'the group has 1 active member (billing-worker on /10.0.0.5); Kafka refuses until they stop',
    );
    assert.strictEqual(blockedReason({ ...plan, partitions: [plan.partitions[1]] }), 'no partition has an offset to write');
  });
});

describe('a committed offset past the end, in words', () => {
  it('names each partition committed past its high watermark, and nothing otherwise', () => {
    const partitions = [
      { partition: 0, committed: '2', high: '5', lag: '3' },
      { partition: 1, committed: '100', high: '11', lag: '-89' },
      { partition: 2, committed: null, high: '4', lag: null },
      { partition: 3, committed: '12000', high: '1000', lag: '-11000' },
    ];
    assert.strictEqual(pastEndText(partitions), 'partition 1 committed at 100, past the end 11; partition 3 committed at 12,000, past the end 1,000');
    assert.strictEqual(pastEndText(partitions.slice(0, 1)), '');
  });
});

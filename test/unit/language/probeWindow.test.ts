import * as assert from 'assert';
import { probeWindow } from '../../../src/language/probeWindow';
import { atCursor } from './cursor';

const SERVICES = Array.from({ length: 20 }, (_, i) => `  svc${i}:\n    type: kafka:4.3\n`).join('');

function windowOf(marked: string) {
  const { project, offset } = atCursor(marked);
  const file = project.files[0];
  const window = probeWindow(file, offset, project.problems);
  return { ...window, slice: window.header + file.text.slice(window.start, window.end), whole: window.start === 0 && window.end === file.text.length };
}

describe('language: the slice completion parses', () => {
  it('is the entry around the cursor under its top-level key, plus the next entry\'s first line', () => {
    const w = windowOf(`services:\n${SERVICES.replace('  svc7:\n    type: kafka:4.3', '  svc7:\n    type: kafka:|')}`);
    assert.strictEqual(w.slice, 'services:\n  svc7:\n    type: kafka:\n  svc8:\n');
    assert.strictEqual(w.depth, 2);
  });

  it('is the whole file among the entries themselves, or with a break elsewhere', () => {
    assert.ok(windowOf(`services:\n${SERVICES}  |\n`).whole);
    assert.ok(windowOf(`services:\n${SERVICES.replace('svc3:', 'svc3: "')}  svc99:\n    type: |\n`).whole);
    assert.ok(windowOf(`---\nservices:\n${SERVICES}  x:\n    type: |\n`).whole);
  });

  it('is one top-level entry in .platform/services.yaml', () => {
    const { project, offset } = atCursor('a:\n  type: redis:8.8\nb:\n  type: kafka:|\nc:\n  type: x\n', 'platform-services', '/p/.platform/services.yaml');
    const w = probeWindow(project.files[0], offset, project.problems);
    assert.strictEqual(project.files[0].text.slice(w.start, w.end), 'b:\n  type: kafka:\nc:\n');
  });
});
